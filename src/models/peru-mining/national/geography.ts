/**
 * Distances and neighbours between districts, from the coordinates of their capitals
 * (INEI directory 2025). The boundary polygons in the shared data are of 2007 and miss the
 * 57 districts created since, so neighbours come from capitals: each district is linked to
 * its k nearest districts, and links are symmetric (A near B links B to A). Pure.
 */

export interface Place {
  readonly latitude: number;
  readonly longitude: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine, mean Earth radius). */
export function distanceKm(a: Place, b: Place): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Pairs [i, j] with i < j such that j is among i's k nearest places or i among j's; ties
 * in distance go to the lower index, so the result depends only on the places' order.
 * Sorted by i, then j. Quadratic in the number of places (1,891 districts: 3.6 M distances).
 */
export function nearestNeighbourPairs(places: readonly Place[], k: number): Array<[number, number]> {
  const n = places.length;
  const pairs = new Set<number>();
  const distances = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) distances[j] = j === i ? Infinity : distanceKm(places[i], places[j]);
    order.sort((a, b) => distances[a] - distances[b] || a - b);
    for (let m = 0; m < Math.min(k, n - 1); m++) {
      const j = order[m];
      pairs.add(i < j ? i * n + j : j * n + i);
    }
  }
  return [...pairs].sort((a, b) => a - b).map((key) => [Math.floor(key / n), key % n]);
}

/** Indices of places within `radiusKm` of `centre` (the centre itself excluded), nearest first. */
export function placesWithin(places: readonly Place[], centre: number, radiusKm: number): number[] {
  const found: Array<[number, number]> = [];
  places.forEach((p, i) => {
    if (i === centre) return;
    const d = distanceKm(places[centre], p);
    if (d <= radiusKm) found.push([d, i]);
  });
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
}
