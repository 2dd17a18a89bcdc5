/**
 * What Go's net/url.Parse, and with it Alertmanager's config, refuses in an http(s) URL that
 * WHATWG's URL (zod's url(), undici) takes: `http:/x` or `http:\\x` has no host to Go, `%zz` is no
 * escape, a backslash, space or brace is no host character, a port is digits, and a control
 * character is refused anywhere. The query is not read (Go keeps it raw). Messages are Go's words.
 * A backslash, which the two read differently, is refused too.
 */

/** Bytes a host name holds as they are, beside letters, digits and non-ASCII (net/url's shouldEscape in host mode). */
const HOST_CHARACTER = /^[A-Za-z0-9!$&'()*+,;=:[\]<>"\-_.~\u0080-\uffff]$/;
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})(.{0,2})/s;

/** A `%` in a part of the URL that is not followed by two hex digits. */
function escapeProblem(part: string): string | undefined {
  const bad = BAD_ESCAPE.exec(part);
  return bad ? `invalid URL escape "${bad[0]}"` : undefined;
}

export function goUrlProblem(url: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(url)) return 'net/url: invalid control character in URL';
  const hash = url.indexOf('#');
  const fragment = hash < 0 ? '' : url.slice(hash + 1);
  const beforeFragment = hash < 0 ? url : url.slice(0, hash);
  const fragmentProblem = escapeProblem(fragment);
  if (fragmentProblem) return fragmentProblem;
  const colon = beforeFragment.indexOf(':');
  const question = beforeFragment.indexOf('?', colon);
  const rest = beforeFragment.slice(colon + 1, question < 0 ? undefined : question);
  if (!rest.startsWith('//')) return 'missing host for URL: write the scheme, then //host';
  const slash = rest.indexOf('/', 2);
  const authority = rest.slice(2, slash < 0 ? undefined : slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? '' : authority.slice(0, at);
  if (!USERINFO.test(userinfo)) return 'net/url: invalid userinfo';
  const host = authority.slice(at + 1);
  const problem = escapeProblem(userinfo) ?? (host === '' ? 'missing host for URL' : undefined) ?? (host.startsWith('[') ? bracketedHostProblem(host) : hostNameProblem(host)) ?? escapeProblem(path);
  if (problem) return problem;
  // Go sends a backslash after the host as %5C, WHATWG (the notifier's undici) as a slash: two URLs.
  return url.includes('\\') ? 'holds a backslash, which Alertmanager sends as %5C and the notifier as /: write the one meant' : undefined;
}

function portProblem(colonPort: string): string | undefined {
  return /^(?::\d*)?$/.test(colonPort) ? undefined : `invalid port "${colonPort}" after host`;
}

/** An IPv6 literal, `[::1]:9093`: the address is left to WHATWG's parser, the port is Go's. */
function bracketedHostProblem(host: string): string | undefined {
  const close = host.indexOf(']');
  return close < 0 ? 'missing \']\' in host' : portProblem(host.slice(close + 1));
}

function hostNameProblem(host: string): string | undefined {
  const colon = host.lastIndexOf(':');
  const port = colon < 0 ? undefined : portProblem(host.slice(colon));
  if (port) return port;
  for (let i = 0; i < host.length; i++) {
    const c = host[i]!;
    if (c === '%') {
      const escape = host.slice(i, i + 3);
      // Go takes an escape in a host for a non-ASCII byte, or %25 (a percent sign), only.
      if (!/^%[0-9A-Fa-f]{2}$/.test(escape) || (parseInt(escape.slice(1), 16) < 0x80 && escape !== '%25')) return `invalid URL escape "${escape}"`;
      i += 2;
    } else if (!HOST_CHARACTER.test(c)) return `invalid character "${c}" in host name`;
  }
  return undefined;
}
