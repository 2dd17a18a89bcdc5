/**
 * Route stage: which groups an alert joins. Each matched route makes one group per distinct value
 * of its group_by labels, keyed as Alertmanager keys them: `<route key>:<group labels>`.
 */
import { alertmanagerMatchers, formatMatcher, GROUP_BY_ALL, matchRoutes, type MatchedRoute } from '../config/route-match.ts';
import type { NotifierConfig, Route } from '../config/schema.ts';
import { durationMs } from '../duration.ts';
import { alertmanagerLabels, formatLabels, labelValue, putLabel, type Labels } from '../model/labels.ts';

/** Where a group's notifications go: one receiver, or an escalation policy's steps. */
export type GroupTarget = { readonly kind: 'receiver'; readonly name: string } | { readonly kind: 'escalation'; readonly name: string };

export interface GroupAssignment {
  /** The group's own key: unique, and kept as it is in state files. */
  readonly key: string;
  /**
   * The group's key as Alertmanager writes it in messages (`groupKey`): its routes' matchers
   * sorted and escaped as it escapes them, values %q-quoted; sibling routes with the same matchers
   * share it, where `key` tells them apart.
   */
  readonly groupKey: string;
  readonly labels: Labels;
  readonly target: GroupTarget;
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
}

/**
 * The routes' keys: the matchers from the root down, an index added where siblings collide, so
 * that each route's groups are its own; and Alertmanager's (its Route.Key), which has no index.
 */
function routeKeys(root: Route): Map<Route, { own: string; alertmanager: string }> {
  const keys = new Map<Route, { own: string; alertmanager: string }>();
  const visit = (route: Route, own: string, alertmanager: string) => {
    keys.set(route, { own, alertmanager });
    const siblings = route.routes.map((child) => `${own}/{${child.matchers.map(formatMatcher).join(',')}}`);
    route.routes.forEach((child, i) => {
      const key = siblings[i]!;
      visit(child, siblings.indexOf(key) !== siblings.lastIndexOf(key) ? `${key}/${i}` : key, `${alertmanager}/${alertmanagerMatchers(child.matchers)}`);
    });
  };
  visit(root, '{}', '{}');
  return keys;
}

/** Cached assignments, one map level per routing label, keyed by its value. */
type CacheLevel = Map<string, CacheLevel | GroupAssignment[]>;

export class Router {
  private readonly keys: Map<Route, { own: string; alertmanager: string }>;
  /**
   * The labels routing reads (matchers and group_by), or undefined when a route groups by every
   * label. Alerts alike in these are routed alike, so their assignments are cached by them.
   */
  private readonly routingLabels: readonly string[] | undefined;
  /**
   * By each routing label's value in turn: a key joined from the values was a new string for every
   * alert received, which each lookup then had to flatten and hash.
   */
  private readonly cache: CacheLevel = new Map();
  private cached = 0;

  constructor(private readonly config: NotifierConfig) {
    this.keys = routeKeys(config.route);
    this.routingLabels = routingLabelsOf(config.route);
  }

  /** The groups an alert with these labels belongs to, one per matched route. */
  assign(labels: Labels): GroupAssignment[] {
    const names = this.routingLabels;
    if (!names) return this.route(labels);
    // Bounded: label values without end (a request id in a label) must not grow it for ever.
    if (this.cached >= ROUTING_CACHE_SIZE) {
      this.cache.clear();
      this.cached = 0;
    }
    let level = this.cache;
    for (let i = 0; i < names.length - 1; i++) {
      const value = labelValue(labels, names[i]!);
      let next = level.get(value) as CacheLevel | undefined;
      if (!next) {
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    const last = names.length > 0 ? labelValue(labels, names[names.length - 1]!) : '';
    let assignments = level.get(last) as GroupAssignment[] | undefined;
    if (!assignments) {
      assignments = this.route(labels);
      level.set(last, assignments);
      this.cached++;
    }
    return assignments;
  }

  private route(labels: Labels): GroupAssignment[] {
    return matchRoutes(this.config.route, labels).flatMap((matched) => {
      const target = targetOf(matched);
      if (!target) return [];
      const groupLabels = groupLabelsOf(matched, labels);
      // matchRoutes copies the root without its matchers, so the root is found by position.
      const route = matched.path.length === 1 ? this.config.route : matched.path[matched.path.length - 1]!;
      const keys = this.keys.get(route)!;
      return [
        {
          key: `${keys.own}:${formatLabels(groupLabels)}`,
          groupKey: `${keys.alertmanager}:${alertmanagerLabels(groupLabels)}`,
          labels: groupLabels,
          target,
          groupWaitMs: durationMs(matched.groupWait),
          groupIntervalMs: durationMs(matched.groupInterval),
          repeatIntervalMs: durationMs(matched.repeatInterval),
          muteTimeIntervals: matched.muteTimeIntervals,
          activeTimeIntervals: matched.activeTimeIntervals,
        },
      ];
    });
  }
}

const ROUTING_CACHE_SIZE = 10_000;

function routingLabelsOf(root: Route): string[] | undefined {
  const names = new Set<string>();
  const visit = (route: Route): boolean => {
    if (route.group_by?.includes(GROUP_BY_ALL)) return false;
    for (const name of route.group_by ?? []) names.add(name);
    for (const matcher of route.matchers) names.add(matcher.label);
    return route.routes.every(visit);
  };
  return visit(root) ? [...names].sort() : undefined;
}

function targetOf(matched: MatchedRoute): GroupTarget | undefined {
  if (matched.escalation !== undefined) return { kind: 'escalation', name: matched.escalation };
  if (matched.receiver !== undefined) return { kind: 'receiver', name: matched.receiver };
  return undefined;
}

function groupLabelsOf(matched: MatchedRoute, labels: Labels): Labels {
  if (matched.groupBy === 'all') return labels;
  const picked: Record<string, string> = {};
  for (const name of matched.groupBy) {
    const value = labelValue(labels, name);
    if (value !== '') putLabel(picked, name, value);
  }
  return picked;
}
