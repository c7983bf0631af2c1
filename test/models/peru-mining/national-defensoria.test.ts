/** Where the register's background is, read from the Defensoría's cases (national/defensoria.ts), on hand-written rows. */
import { describe, expect, it } from 'vitest';
import {
  backgroundCaseMonths,
  departmentKey,
  MineProjectsSchema,
  RegisterCaseSchema,
} from '../../../src/models/peru-mining/national/defensoria.js';

const row = (caso_id: string, departamento: string, months: string, socio: string, mining: string, proyectos = '') =>
  RegisterCaseSchema.parse({
    caso_id,
    departamento,
    tipo: '',
    n_meses: months,
    n_apariciones: months,
    es_socioambiental: socio,
    menciona_mineria: mining,
    proyectos,
  });
const mines = [
  MineProjectsSchema.parse({ mine: 'Las Bambas', projects: 'las-bambas', note: '' }),
  // A mine of the panel's catalogue that is not one of the baseline's projects.
  MineProjectsSchema.parse({ mine: 'Poderosa', projects: '', note: '' }),
];

describe('backgroundCaseMonths', () => {
  it("counts the months of the mining cases that name none of the baseline's projects, by department", () => {
    const cases = [
      row('1', 'Apurímac', '10', '1', '1', 'Las Bambas'),
      row('2', 'APURIMAC', '4', '1', '1'),
      row('3', 'Apurímac', '7', '1', '1', 'Poderosa'),
      row('4', 'Lima Provincias', '5', '1', '1'),
      // Not mining, or not socio-environmental: not the register's mining cases.
      row('5', 'Apurímac', '30', '1', '0'),
      row('6', 'Apurímac', '30', '0', '1'),
      row('7', 'NACIONAL', '2', '1', '1'),
    ];
    expect([...backgroundCaseMonths(cases, mines)]).toEqual([
      ['APURIMAC', 11],
      ['LIMA', 5],
      ['NACIONAL', 2],
    ]);
    expect(departmentKey('Áncash')).toBe('ANCASH');
  });
});
