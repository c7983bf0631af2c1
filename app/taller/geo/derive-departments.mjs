/**
 * Derives departamentos.json, the workshop map's polygons, from the MPL-2.0 GeoJSON of Peru's
 * departments (juaneladio/peru-geojson, commit 3213eeb; see NOTICE.md):
 *   node app/taller/geo/derive-departments.mjs <peru_departamental_simple.geojson> > app/taller/geo/departamentos.json
 * It keeps two properties, ubigeo (FIRST_IDDP, 2 digits) and name (NOMBDEP), rounds every coordinate to
 * 3 decimals (about 100 m, far below what a projector shows) and drops points that rounding made repeat.
 * Nothing else changes: the shapes are the upstream's simplified ones.
 */
import { readFileSync } from 'node:fs';

const source = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const round = (x) => Math.round(x * 1000) / 1000;
const ring = (points) => {
  const out = [];
  for (const [x, y] of points) {
    const p = [round(x), round(y)];
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  return out;
};
const geometry = (g) =>
  g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
const features = source.features
  .map((f) => ({
    type: 'Feature',
    properties: { ubigeo: f.properties.FIRST_IDDP, name: f.properties.NOMBDEP },
    geometry: geometry(f.geometry),
  }))
  .sort((a, b) => a.properties.ubigeo.localeCompare(b.properties.ubigeo));
process.stdout.write(`${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
