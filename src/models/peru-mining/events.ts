/**
 * Events a run can record (commitments, turnovers, tables, case transitions, blockades).
 * Plain objects, written only when a run asks for them: the hot loop checks for a sink
 * before it builds one. Pure; no I/O.
 */

export type ModelEvent =
  | {
      month: number;
      type: 'commitment-made';
      id: number;
      community: string;
      owner: string;
      source: CommitmentSource;
      deadline: number | null;
      followUp: boolean;
      cost: number;
    }
  | {
      month: number;
      type: 'commitment-fulfilled' | 'commitment-broken' | 'commitment-orphaned';
      id: number;
      community: string;
      owner: string;
    }
  | { month: number; type: 'head-changed'; actor: string; cause: 'hazard' | 'election' }
  | {
      month: number;
      type: 'table-opened' | 'table-agreement' | 'table-failed';
      timing: 'early' | 'reactive';
      community: string | null;
      project: string;
    }
  | { month: number; type: 'case-transition'; community: string; project: string; from: string; to: string }
  | { month: number; type: 'blockade' | 'violence' | 'force'; community: string; project: string }
  | { month: number; type: 'licence'; project: string; withDialogue: boolean; trigger: boolean }
  | { month: number; type: 'incident'; project: string }
  | { month: number; type: 'illegal-mining-violence'; district: string }
  | { month: number; type: 'cash-settlement'; community: string; project: string };

export type CommitmentSource = 'agreement' | 'milestone' | 'settlement';

/** Where a run's events go; `null` when the run does not record them. */
export type EventSink = ModelEvent[] | null;
