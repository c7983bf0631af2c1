/**
 * The torus and its neighbourhoods, computed once per compiled scenario: for every cell, the
 * other cells within vision, as one flat list (compressed rows), so that the inner loop
 * reads a byte per neighbour and computes no coordinates. Pure.
 */

export type Neighbourhood = 'euclidean' | 'moore' | 'von-neumann';

export interface NeighbourTable {
  /** Cells of cell c are cells[start[c]] .. cells[start[c + 1] - 1]. */
  readonly start: Int32Array;
  readonly cells: Int32Array;
}

/** Offsets (dx, dy) ≠ (0, 0) within radius `vision` under the given metric. */
function offsets(vision: number, metric: Neighbourhood): Array<[number, number]> {
  const r = Math.floor(vision);
  const out: Array<[number, number]> = [];
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      if (dx === 0 && dy === 0) continue;
      const inside =
        metric === 'euclidean' ? dx * dx + dy * dy <= vision * vision : metric === 'moore' ? true : Math.abs(dx) + Math.abs(dy) <= vision;
      if (inside) out.push([dx, dy]);
    }
  }
  return out;
}

const wrap = (x: number, n: number) => ((x % n) + n) % n;

/** Each cell's neighbours on a width × height torus; a cell reached twice on a small torus counts once. */
export function neighbourTable(width: number, height: number, vision: number, metric: Neighbourhood): NeighbourTable {
  const deltas = offsets(vision, metric);
  const n = width * height;
  const start = new Int32Array(n + 1);
  const list: number[] = [];
  const seen = new Int32Array(n).fill(-1);
  for (let c = 0; c < n; c++) {
    start[c] = list.length;
    const x = c % width;
    const y = (c - x) / width;
    seen[c] = c;
    for (const [dx, dy] of deltas) {
      const other = wrap(y + dy, height) * width + wrap(x + dx, width);
      if (seen[other] === c) continue;
      seen[other] = c;
      list.push(other);
    }
  }
  start[n] = list.length;
  return { start, cells: Int32Array.from(list) };
}
