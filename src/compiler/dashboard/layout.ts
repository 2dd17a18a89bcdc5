/**
 * Grid positions, computed: panels flow left to right in the order written and wrap at the grid's
 * 24 columns; a row takes a line of its own. Users give widths and heights, never coordinates.
 */
import { GRAFANA_GRID_WIDTH } from '../../sdk/conventions.ts';
import type { PanelSpec } from '../../sdk/dashboard/panels.ts';

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const DEFAULT_WIDTH = 12;
export const DEFAULT_HEIGHT = 8;

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

/** True when two grid rectangles share any cell. */
export function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
