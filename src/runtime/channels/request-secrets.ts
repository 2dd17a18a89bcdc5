/**
 * What a failed delivery reports must not hold what the request carried: the URL (a Slack
 * webhook's is its secret, a gateway's may hold a key in its query) and the credentials of its
 * headers. Receivers echo them in their answers ("you sent Bearer …, /hook?key=…"), and the start
 * of an answer is kept as the delivery's error, shown by GET /api/v1/groups, logged and stored.
 */

const REDACTED = '<redacted>';

/** Shorter parts are left: redacting `alerts` or `oncall` wherever they appear would hide more of the error than it keeps safe. */
const SHORTEST_SECRET_PART = 8;

/** A URL's percent-encoded part as text; as it is when it is not valid percent-encoding. */
export function urlDecoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The URL whole and in the parts an answer may echo, and each header value and its last word (a token after its scheme). */
export function requestSecrets(url: string, headers: Record<string, string>): string[] {
  const parts = [url];
  if (URL.canParse(url)) {
    const u = new URL(url);
    parts.push(`${u.host}${u.pathname}${u.search}`, `${u.pathname}${u.search}`, u.search.slice(1), u.username, u.password, urlDecoded(u.username), urlDecoded(u.password));
    parts.push(...u.pathname.split('/'), ...[...u.searchParams.values()]);
  }
  for (const value of Object.values(headers)) parts.push(value, value.split(' ').at(-1)!);
  // Longest first, so that a URL is redacted whole rather than around its parts.
  return [...new Set(parts.filter((p) => p.length >= SHORTEST_SECRET_PART))].sort((a, b) => b.length - a.length);
}

export function redacted(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.replaceAll(secret, REDACTED);
  return out;
}
