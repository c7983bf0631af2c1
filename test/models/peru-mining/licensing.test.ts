/**
 * Licensing (docs/model.md §7.8): a licence granted at the start of construction without an
 * open table and with poor consultation or EIA participation is a trigger, whether or not
 * consulta previa applies (Tía María 2019); a good process or an open table is not.
 */
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../../helpers/tiny-world.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';

const licence = (consultation: Record<string, unknown>, timing = 'reactive') => {
  const scenario = tinyScenario({ months: 12, policies: { dialogue: { timing } } });
  const project = scenario.projects[0];
  if (!project) throw new Error('tiny world has no project');
  project.phases = { exploration: '2015-01', permitting: '2018-01', construction: '2020-06' };
  Object.assign(project.consultation, consultation);
  const events = simulate(scenario, { seed: 1, events: true }).events ?? [];
  return events.filter((e) => e.type === 'licence');
};

describe('licensing', () => {
  it('a licence without a table and with poor participation is a trigger, with or without consulta previa', () => {
    expect(licence({ required: true, quality: 0.2 })).toEqual([expect.objectContaining({ month: 5, withDialogue: false, trigger: true })]);
    expect(licence({ required: false, quality: 0.2 })).toEqual([expect.objectContaining({ trigger: true })]);
  });
  it('good participation or an open permanent table makes it no trigger', () => {
    expect(licence({ required: true, quality: 0.8 })).toEqual([expect.objectContaining({ trigger: false })]);
    expect(licence({ required: true, quality: 0.2 }, 'early')).toEqual([expect.objectContaining({ withDialogue: true, trigger: false })]);
  });
});
