import type { Duration } from '../duration.ts';
import { declared, type Declared } from '../declared.ts';
import { requireEntries } from '../entries.ts';
import type { PanelSpec } from './panels.ts';
import type { Variable } from './variables.ts';

export interface Row {
  /** Shown across the row; unique within the dashboard. */
  readonly title: string;
  /** Start collapsed, panels hidden until opened. Default false. */
  readonly collapsed: boolean;
  /** The row's panels, laid out left to right and wrapping at the grid's width. */
  readonly panels: readonly PanelSpec[];
}

export interface RowOptions {
  /** Start collapsed, panels hidden until opened. Default false. */
  readonly collapsed?: boolean;
}

/** A titled row of panels. */
export const row = (title: string, panels: readonly PanelSpec[], options: RowOptions = {}): Row => ({ title, panels, collapsed: options.collapsed ?? false });

export interface DashboardLink {
  /** Link text. */
  readonly title: string;
  /** Where it goes. */
  readonly url: string;
}

export interface DashboardProps {
  /** Stable id: Grafana's URL and the generated file's name. Letters, digits, - and _, at most 40. */
  readonly uid: string;
  /** Shown at the top and in Grafana's search. */
  readonly title: string;
  /** Grafana search tags. Default: none. */
  readonly tags?: readonly string[];
  /** What the dashboard is for. Default: none. */
  readonly description?: string;
  /** The time range shown on opening, in Grafana's relative syntax. Default `now-6h` to `now`. */
  readonly time?: { readonly from: string; readonly to: string };
  /** Auto-refresh interval, or false for none. Default `30s`. */
  readonly refresh?: Duration | false;
  /** Time zone of the axes. Default `browser`. */
  readonly timezone?: 'browser' | 'utc';
  /** Links shown at the top. Default: none. */
  readonly links?: readonly DashboardLink[];
  /** Template variables, in picker order. Default: none. */
  readonly variables?: readonly Variable[];
  /**
   * Mark on every graph when alerts fired (from Prometheus' ALERTS series): false for none, or
   * label values that narrow it, e.g. `{ team: 'sync' }`. Default: every firing alert.
   */
  readonly alertAnnotation?: false | Readonly<Record<string, string>>;
  /** Panels above the first row. Default: none. */
  readonly panels?: readonly PanelSpec[];
  /** Rows of panels, top to bottom. Default: none. */
  readonly rows?: readonly Row[];
}

export type Dashboard = Declared<'dashboard', DashboardProps>;

/** Declares a Grafana dashboard; export it from a file in dashboards/. */
export function dashboard(props: DashboardProps): Dashboard {
  const owner = `dashboard "${props.uid}"`;
  requireEntries(owner, 'panels', props.panels, true);
  requireEntries(owner, 'rows', props.rows, true);
  props.rows?.forEach((row, i) => requireEntries(owner, `rows[${i}] ("${row.title}").panels`, row.panels));
  return declared('dashboard', props);
}
