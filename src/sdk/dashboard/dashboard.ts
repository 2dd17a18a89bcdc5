import { declared, type Declared } from '../declared.ts';
import type { PanelSpec } from './panels.ts';
import type { Variable } from './variables.ts';

export interface Row {
  readonly title: string;
  /** Start collapsed. Default false. */
  readonly collapsed?: boolean;
  readonly panels: readonly PanelSpec[];
}

/** A titled row of panels; layout is computed, left to right, wrapping at the grid's width. */
export const row = (title: string, panels: readonly PanelSpec[], options: { readonly collapsed?: boolean } = {}): Row => ({ title, panels, ...options });

export interface DashboardProps {
  /** Stable id: Grafana's URL and the generated file's name. Letters, digits, - and _, at most 40. */
  readonly uid: string;
  readonly title: string;
  /** Default: none. */
  readonly tags?: readonly string[];
  /** Default: none. */
  readonly description?: string;
  /** Default now-6h to now. */
  readonly time?: { readonly from: string; readonly to: string };
  /** Auto-refresh. Default 30s. */
  readonly refresh?: string;
  /** Default browser. */
  readonly timezone?: 'browser' | 'utc';
  /** Links shown at the top. Default: none. */
  readonly links?: readonly { readonly title: string; readonly url: string }[];
  /** Template variables. Default: none. */
  readonly variables?: readonly Variable[];
  /** Mark when alerts fired (from Prometheus' ALERTS series). Default true. */
  readonly alertAnnotations?: boolean;
  /** Panels above the first row. Default: none. */
  readonly panels?: readonly PanelSpec[];
  readonly rows?: readonly Row[];
}

export type Dashboard = Declared<'dashboard', DashboardProps>;

/** Declares a Grafana dashboard. */
export function dashboard(props: DashboardProps): Dashboard {
  return declared('dashboard', props);
}
