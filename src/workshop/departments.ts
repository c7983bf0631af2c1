/**
 * A per-department summary of runs, for the workshop's map. The batch tables hold the whole
 * territory's outcomes only, so the map re-runs a few of the comparison's futures (the same
 * run seeds) with their events recorded and counts each event where it happened: a
 * community's protest in the department of its district. Pure: the events come in.
 *
 * Departments join the map's polygons by ubigeo. A scenario whose departments carry no
 * ubigeo (the cases) is joined by name against the national table of departments; the
 * corridor's departments are invented and join nothing.
 */
import type { ModelEvent } from '../models/peru-mining/events.js';
import type { Scenario } from '../models/peru-mining/schema.js';

/** What the map can colour, counted per department over a run. */
export const MAP_MEASURES = ['protests', 'blockades', 'violence', 'crises'] as const;
type MapMeasure = (typeof MAP_MEASURES)[number];
export type DepartmentCounts = Record<MapMeasure, number>;

export interface MapDepartment {
  readonly id: string;
  readonly name: string;
  /** 2-digit INEI ubigeo, or null when the department is not one of Peru's. */
  readonly ubigeo: string | null;
}

/** Where each community and district lies: the department ids. */
export interface DepartmentIndex {
  readonly departments: readonly MapDepartment[];
  readonly ofCommunity: ReadonlyMap<string, string>;
  readonly ofDistrict: ReadonlyMap<string, string>;
}

/** Letters only, lower case, without accents: "Áncash" and "ANCASH" match. */
export const departmentKey = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/**
 * The departments of a scenario and where its communities lie. `ubigeoByName` maps
 * departmentKey(name) to the ubigeo, for departments written without one.
 */
export function departmentIndex(scenario: Scenario, ubigeoByName: ReadonlyMap<string, string>): DepartmentIndex {
  const { territory } = scenario;
  const provinceDepartment = new Map(territory.provinces.map((p) => [p.id, p.department]));
  const ofDistrict = new Map(territory.districts.map((d) => [d.id, provinceDepartment.get(d.province) as string]));
  const ofCommunity = new Map(scenario.communities.map((c) => [c.id, ofDistrict.get(c.district) as string]));
  const departments = territory.departments.map((d) => ({
    id: d.id,
    name: d.name,
    ubigeo: d.ubigeo ?? ubigeoByName.get(departmentKey(d.name)) ?? null,
  }));
  return { departments, ofCommunity, ofDistrict };
}

const zero = (): DepartmentCounts => ({ protests: 0, blockades: 0, violence: 0, crises: 0 });

/** Counts one run's events per department (departments with none are present with zeros). */
export function countByDepartment(index: DepartmentIndex, events: readonly ModelEvent[]): Map<string, DepartmentCounts> {
  const counts = new Map(index.departments.map((d) => [d.id, zero()]));
  const add = (department: string | undefined, measure: MapMeasure) => {
    const row = department === undefined ? undefined : counts.get(department);
    if (row) row[measure] += 1;
  };
  for (const e of events) {
    switch (e.type) {
      case 'protest':
        add(index.ofCommunity.get(e.community), 'protests');
        if (e.blockadeDays > 0) add(index.ofCommunity.get(e.community), 'blockades');
        break;
      case 'informal-miner-protest':
        add(index.ofDistrict.get(e.district), 'protests');
        break;
      case 'violence':
        add(index.ofCommunity.get(e.community), 'violence');
        break;
      case 'illegal-mining-violence':
        add(index.ofDistrict.get(e.district), 'violence');
        break;
      case 'crisis':
        add(index.ofCommunity.get(e.community), 'crises');
        break;
      default:
        break;
    }
  }
  return counts;
}

/** The mean of several runs' counts, department by department. */
export function meanCounts(runs: ReadonlyArray<ReadonlyMap<string, DepartmentCounts>>): Record<string, DepartmentCounts> {
  const out: Record<string, DepartmentCounts> = {};
  for (const run of runs)
    for (const [id, row] of run) {
      out[id] ??= zero();
      const acc = out[id];
      for (const m of MAP_MEASURES) acc[m] += row[m] / runs.length;
    }
  return out;
}
