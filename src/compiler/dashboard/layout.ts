/**
 * Grid positions, computed: panels flow left to right in the order written and wrap at the grid's
 * 24 columns; a row takes a line of its own. Users give widths and heights, never coordinates.
 */
import { GRAFANA_GRID_WIDTH } from '../../sdk/conventions.ts';
import type { Dashboard, Row } from '../../sdk/dashboard/dashboard.ts';
import type { PanelSpec } from '../../sdk/dashboard/panels.ts';

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const DEFAULT_WIDTH = 12;
export const DEFAULT_HEIGHT = 8;

export interface PlacedPanel {
  readonly spec: PanelSpec;
  readonly gridPos: GridPos;
}

export interface PlacedRow {
  readonly row: Row;
  readonly gridPos: GridPos;
  readonly panels: readonly PlacedPanel[];
}

export interface DashboardLayout {
  /** Panels above the first row. */
  readonly panels: readonly PlacedPanel[];
  readonly rows: readonly PlacedRow[];
}

/** Places panels from line `y`; returns their positions and the first free line below them. */
export function flow(panels: readonly PanelSpec[], y: number): { positions: GridPos[]; next: number } {
  let x = 0;
  let lineTop = y;
  let lineBottom = y;
  const positions = panels.map((panel) => {
    const w = Math.min(panel.width ?? DEFAULT_WIDTH, GRAFANA_GRID_WIDTH);
    const h = panel.height ?? DEFAULT_HEIGHT;
    if (x + w > GRAFANA_GRID_WIDTH) {
      x = 0;
      lineTop = lineBottom;
    }
    const pos = { x, y: lineTop, w, h };
    x += w;
    lineBottom = Math.max(lineBottom, lineTop + h);
    return pos;
  });
  return { positions, next: lineBottom };
}

const place = (panels: readonly PanelSpec[], y: number) => {
  const { positions, next } = flow(panels, y);
  return { placed: panels.map((spec, i) => ({ spec, gridPos: positions[i]! })), next };
};

/**
 * The whole dashboard laid out. A collapsed row keeps its panels at the positions they take when
 * opened (Grafana pushes what follows down), so the next row starts right below its header.
 */
export function layoutDashboard(dashboard: Dashboard): DashboardLayout {
  const top = place(dashboard.panels ?? [], 0);
  let y = top.next;
  const rows = (dashboard.rows ?? []).map((row) => {
    const body = place(row.panels, y + 1);
    const placed = { row, gridPos: { x: 0, y, w: GRAFANA_GRID_WIDTH, h: 1 }, panels: body.placed };
    y = row.collapsed ? y + 1 : body.next;
    return placed;
  });
  return { panels: top.placed, rows };
}

/** True when two grid rectangles share any cell. */
export function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The grid rectangles visible at once (collapsed rows' panels are hidden), with their titles. */
export function visibleRectangles(layout: DashboardLayout): { title: string; gridPos: GridPos }[] {
  return [
    ...layout.panels.map((p) => ({ title: p.spec.title, gridPos: p.gridPos })),
    ...layout.rows.flatMap((r) => [{ title: `row ${r.row.title}`, gridPos: r.gridPos }, ...(r.row.collapsed ? [] : r.panels.map((p) => ({ title: p.spec.title, gridPos: p.gridPos })))]),
  ];
}
