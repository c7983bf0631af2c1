/**
 * Vega-Lite to static SVG, headless: compile to Vega, run a View without a renderer, and
 * serialise. No I/O, no network (every chart carries its data inline).
 *
 * vega and vega-lite are loaded on first use: vega-canvas awaits at top level, and a
 * top-level await anywhere in the entry's import graph would break `require('ayni')`.
 */
import type { TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
