/**
 * Alertmanager's routing semantics over the notifier config, shared by the runtime and by the
 * compiler's checks and `alertforge routes test`: a route matches when all its matchers do; its
 * children are tried in order and the first match wins unless it sets `continue`; a route no child
 * takes is itself the match; unset settings inherit from the parent.
 */
import { compareText, labelValue } from '../model/labels.ts';
import { regexMatches } from './matcher-regex.ts';
import type { Matcher, Route } from './schema.ts';

/** Alertmanager's defaults for the root route. */
export const ROUTE_DEFAULTS = { group_wait: '30s', group_interval: '5m', repeat_interval: '4h' } as const;

/** `group_by: ['...']` groups by every label. */
export const GROUP_BY_ALL = '...';

/** A matched route with everything it inherits resolved. */
export interface MatchedRoute {
  /** Routes from the root to this one. */
  readonly path: readonly Route[];
  readonly receiver: string | undefined;
  readonly escalation: string | undefined;
  /** Labels that split groups, or 'all'. */
  readonly groupBy: readonly string[] | 'all';
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
}

/** Alertmanager anchors regex matchers (see matcher-regex.ts); a missing label matches as the empty string. */
export function matcherMatches(matcher: Matcher, labels: Readonly<Record<string, string>>): boolean {
  const value = labelValue(labels, matcher.label);
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    default:
      return regexMatches(matcher.value, value) === (matcher.op === '=~');
  }
}

export function matchersMatch(matchers: readonly Matcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((m) => matcherMatches(m, labels));
}

function inherit(route: Route, parent: MatchedRoute | undefined, path: readonly Route[]): MatchedRoute {
  // An empty group_by inherits, as Alertmanager reads `group_by: []` (its root then groups by nothing).
  const groupBy = route.group_by?.length ? (route.group_by.includes(GROUP_BY_ALL) ? 'all' : route.group_by) : (parent?.groupBy ?? []);
  const ownTarget = route.receiver !== undefined || route.escalation !== undefined;
  return {
    path,
    receiver: ownTarget ? route.receiver : parent?.receiver,
    escalation: ownTarget ? route.escalation : parent?.escalation,
    groupBy,
    groupWait: route.group_wait ?? parent?.groupWait ?? ROUTE_DEFAULTS.group_wait,
    groupInterval: route.group_interval ?? parent?.groupInterval ?? ROUTE_DEFAULTS.group_interval,
    repeatInterval: route.repeat_interval ?? parent?.repeatInterval ?? ROUTE_DEFAULTS.repeat_interval,
    // Alertmanager does not inherit time intervals: each route lists its own.
    muteTimeIntervals: route.mute_time_intervals ?? [],
    activeTimeIntervals: route.active_time_intervals ?? [],
  };
}

function match(route: Route, labels: Readonly<Record<string, string>>, parent: MatchedRoute | undefined, path: readonly Route[]): MatchedRoute[] {
  if (!matchersMatch(route.matchers ?? [], labels)) return [];
  const here = inherit(route, parent, [...path, route]);
  const all: MatchedRoute[] = [];
  for (const child of route.routes ?? []) {
    const matches = match(child, labels, here, here.path);
    all.push(...matches);
    if (matches.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [here];
}

/** The routes an alert with these labels takes, in order. The root always matches. */
export function matchRoutes(root: Route, labels: Readonly<Record<string, string>>): MatchedRoute[] {
  return match({ ...root, matchers: [] }, labels, undefined, []);
}

/**
 * A matcher with its value JSON-quoted: `severity="critical"`. The notifier's own keys of groups
 * are made of it (kept as they are in state files), and its CLI prints it.
 */
export function formatMatcher(m: Matcher): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

/**
 * A matcher as Alertmanager writes it (its Matcher.String) and reads it back from alertmanager.yml:
 * only \\, \" and \n escaped (its parser would read a JSON escape such as \t as a backslash and a t).
 */
export function alertmanagerMatcher(m: Matcher): string {
  return `${m.label}${m.op}"${m.value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`;
}

const OPERATOR_ORDER: readonly Matcher['op'][] = ['=', '!=', '=~', '!~'];

/** A route's matchers as Alertmanager keys the route: sorted by label, value, then operator, `{a="1",b=~"2"}`. */
export function alertmanagerMatchers(matchers: readonly Matcher[]): string {
  const sorted = [...matchers].sort((a, b) => compareText(a.label, b.label) || compareText(a.value, b.value) || OPERATOR_ORDER.indexOf(a.op) - OPERATOR_ORDER.indexOf(b.op));
  return `{${sorted.map(alertmanagerMatcher).join(',')}}`;
}
