/**
 * Synthetic territories of any size, for benchmarks and property tests: departments of
 * provinces of districts in chains, communities spread over the districts, and mines with
 * truck corridors through the next districts. Deterministic in (size, seed). Pure; the
 * output is a scenario document (validate it with parseScenario like any file).
 */
import { seededStream } from '../../engine/streams.js';
import type { ScenarioInput } from './schema.js';

export interface SyntheticSize {
  readonly communities: number;
  /** @default one mine per 8 districts */
  readonly projects?: number;
  /** @default about 15 communities per district */
  readonly districts?: number;
  /** @default 240 */
  readonly months?: number;
  /** Seed of the territory's layout (not of the run). @default 1 */
  readonly seed?: number;
}

export function syntheticScenario(size: SyntheticSize): ScenarioInput {
  const rng = seededStream(`ayni-synthetic/${size.seed ?? 1}`);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rng();
  const nDistricts = Math.max(1, size.districts ?? Math.ceil(size.communities / 15));
  const perProvince = 6;
  const perDepartment = 5;
  const nProvinces = Math.ceil(nDistricts / perProvince);
  const nDepartments = Math.ceil(nProvinces / perDepartment);
  const departments = Array.from({ length: nDepartments }, (_, i) => ({ id: `dep-${i}`, name: `Department ${i}` }));
  const provinces = Array.from({ length: nProvinces }, (_, i) => ({
    id: `prov-${i}`,
    name: `Province ${i}`,
    department: `dep-${Math.floor(i / perDepartment)}`,
  }));
  const districts = Array.from({ length: nDistricts }, (_, i) => ({
    id: `dist-${i}`,
    name: `District ${i}`,
    province: `prov-${Math.floor(i / perProvince)}`,
    population: Math.round(between(2000, 30000)),
    poverty: round(between(0.3, 0.8)),
    waterDependence: round(between(0.2, 0.9)),
    agricultureDependence: round(between(0.3, 0.9)),
    indigenousShare: round(between(0.2, 0.95)),
    illegalMining: rng() < 0.1 ? round(between(0.05, 0.3)) : 0,
  }));
  const links = districts.slice(1).map((d, i) => ({ from: `dist-${i}`, to: d.id, kind: 'adjacent' as const }));
  const communities = Array.from({ length: size.communities }, (_, i) => ({
    id: `com-${i}`,
    district: `dist-${i % nDistricts}`,
    population: Math.round(between(200, 1500)),
    mobilisation: round(between(0.3, 0.8)),
    trust: {
      company: round(between(0.2, 0.4)),
      national: round(between(0.15, 0.3)),
      regional: round(between(0.25, 0.45)),
      local: round(between(0.35, 0.55)),
    },
  }));
  const nProjects = Math.max(1, size.projects ?? Math.ceil(nDistricts / 8));
  const companies = Array.from({ length: Math.max(1, Math.ceil(nProjects / 3)) }, (_, i) => ({
    id: `co-${i}`,
    name: `Company ${i}`,
    esg: round(between(0.2, 0.8)),
  }));
  const projects = Array.from({ length: nProjects }, (_, i) => {
    const d = Math.floor((i * nDistricts) / nProjects);
    const corridor = [1, 2, 3]
      .map((k) => d + k)
      .filter((x) => x < nDistricts)
      .map((x) => `dist-${x}`);
    const start = 2004 + Math.floor(between(0, 12));
    return {
      id: `mine-${i}`,
      name: `Mine ${i}`,
      company: `co-${i % companies.length}`,
      district: `dist-${d}`,
      corridor,
      output: Math.round(between(50000, 400000)),
      phases: {
        exploration: `${start}-01`,
        permitting: `${start + 3}-06`,
        construction: `${start + 5}-01`,
        operation: `${start + 8}-01`,
      },
      consultation: { required: true, quality: round(between(0.2, 0.8)) },
    };
  });
  return {
    name: `synthetic-${size.communities}`,
    description: `Synthetic territory: ${size.communities} communities, ${nDistricts} districts, ${nProjects} mines (seed ${size.seed ?? 1}).`,
    start: '2010-01',
    months: size.months ?? 240,
    territory: { departments, provinces, districts, links },
    communities,
    companies,
    projects,
    exogenous: { crises: [{ from: '2022-12', to: '2023-03', label: 'national crisis' }] },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
