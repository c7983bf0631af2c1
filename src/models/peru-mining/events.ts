/**
 * Events a run can record (commitments, turnovers, tables, case transitions, blockades).
 * Plain objects, written only when a run asks for them: the hot loop checks for a sink
 * before it builds one. Pure; no I/O.
 */
import type { PERMIT_KINDS } from './permit-kinds.js';

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
      works: boolean;
      cost: number;
    }
  | {
      month: number;
      /** dropped: orphaned by a new head, not yet seen; orphaned: that breach seen. */
      type: 'commitment-broken' | 'commitment-orphaned' | 'commitment-dropped';
      id: number;
      community: string;
      owner: string;
    }
  | {
      month: number;
      type: 'commitment-fulfilled';
      id: number;
      community: string;
      owner: string;
      /** Delivered after its breach was seen (it was counted broken until now). */
      late: boolean;
    }
  | { month: number; type: 'head-changed'; actor: string; cause: 'hazard' | 'election' | 'term' }
  | {
      month: number;
      type: 'table-opened' | 'table-closed';
      timing: 'early' | 'reactive';
      project: string;
    }
  | {
      month: number;
      /** An agreement on a case, or a case breaking off dialogue without one. */
      type: 'table-agreement' | 'dialogue-broken-off';
      timing: 'early' | 'reactive';
      community: string;
      project: string;
    }
  | { month: number; type: 'case-transition'; community: string; project: string; from: string; to: string }
  /** A case of the register's background (no community, no project): registered, latent, ended. */
  | { month: number; type: 'background-case'; department: string; from: string; to: string }
  | { month: number; type: 'violence' | 'force'; community: string; project: string }
  | { month: number; type: 'crisis'; community: string; project: string; days: number }
  | { month: number; type: 'protest'; community: string; project: string; blockadeDays: number }
  | { month: number; type: 'licence'; project: string; withDialogue: boolean; trigger: boolean }
  | { month: number; type: 'incident'; project: string }
  | { month: number; type: 'permit'; project: string; kind: PermitKindName; quality: number }
  | { month: number; type: 'referendum'; project: string; against: number }
  | { month: number; type: 'project-suspended' | 'project-resumed' | 'project-abandoned'; project: string }
  | { month: number; type: 'authority-stance'; actor: string; opposes: boolean }
  | { month: number; type: 'illegal-mining-violence'; district: string }
  | { month: number; type: 'informal-miner-protest'; district: string }
  | { month: number; type: 'revenue-dispute' | 'revenue-dispute-ended'; district: string }
  | {
      month: number;
      type: 'municipal-dispute' | 'municipal-dispute-ended' | 'demarcation-dispute' | 'demarcation-dispute-ended';
      district: string;
      counterpart: string;
    }
  | { month: number; type: 'cash-settlement'; community: string; project: string };

type PermitKindName = (typeof PERMIT_KINDS)[number];

export type CommitmentSource = 'agreement' | 'milestone' | 'settlement';

/** Where a run's events go; `null` when the run does not record them. */
export type EventSink = ModelEvent[] | null;
