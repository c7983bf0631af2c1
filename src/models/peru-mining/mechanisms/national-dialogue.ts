/**
 * A national dialogue on mining (reform lever; source paper: "now is the time to initiate a
 * broad dialogue with different layers of government, citizens and the private sector" ahead
 * of the 2026 elections, a series of multi-sectoral dialogues in which "it must be the role of
 * the state to guarantee, monitor and maintain those discussions, as well as any ensuing
 * commitments").
 *
 * From policies.nationalDialogue.from on, the dialogue stays open (the paper asks for a
 * permanent, sustained process) and does two things, both assumptions where the paper gives
 * no size:
 * - every community, in mining and non-mining districts alike, hears the national state: a
 *   monthly signal nationalDialogueSignal to its trust in the national state;
 * - the commitments it oversees are monitored: a registry is in force (commitments.ts,
 *   registryInForce), so a change of head orphans a commitment at registryFactor.
 * It opens no project table and changes no case directly. Draws: none.
 */
import type { World } from '../world.js';
import type { State } from '../state.js';
import { addSignal } from './trust.js';

/** Trust channel of the national state. */
const NATIONAL = 1;

export function stepNationalDialogue(world: World, state: State): void {
  if (state.t < world.nationalDialogueFrom) return;
  const signal = world.parameters.dialogue.nationalDialogueSignal;
  if (signal === 0) return;
  for (let c = 0; c < world.communityIds.length; c++) addSignal(state, c, NATIONAL, signal);
}
