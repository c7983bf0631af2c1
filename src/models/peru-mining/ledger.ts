/**
 * The commitments ledger: every promise made in a run, as a growable struct of arrays.
 * A commitment has an owner (an actor, or the community itself: society), the community it
 * was made to, the project and case it concerns, an optional deadline, an optional
 * follow-up owner, a kind (a work or service, or a procedure) and a cost; it ends
 * fulfilled, broken or orphaned, or is still open when the run ends. A broken commitment
 * (its breach seen: a missed deadline, patience run out) may still be delivered late, as
 * the PCM's registers of pending agreements show; fulfilled and orphaned are final. An orphaned
 * commitment (its owner's new head dropped it) first stays open in the community's eyes:
 * `dropped` marks it, and it is counted orphaned only when the breach becomes visible.
 * Pure; no I/O.
 */

export const CommitmentStatus = { open: 0, fulfilled: 1, broken: 2, orphaned: 3 } as const;

/** No deadline (57.7% of real agreements, FACTS §2). */
export const NO_DEADLINE = -1;

/** Owner of a commitment made by the community itself (FACTS §2: 14.4% by society). */
export const SOCIETY = -1;

/** A commitment outside any case (a company's milestone promises). */
export const NO_CASE = -1;

/** What a new commitment records (ledger.add). */
export interface NewCommitment {
  readonly owner: number;
  readonly community: number;
  readonly project: number;
  readonly relation: number;
  readonly agreement: number;
  readonly created: number;
  readonly deadline: number;
  readonly followUp: boolean;
  readonly cost: number;
  readonly works: boolean;
  readonly monitored: boolean;
}

export class CommitmentLedger {
  size = 0;
  owner = new Int32Array(64);
  community = new Int32Array(64);
  project = new Int32Array(64);
  /** The relation whose case's agreement made it, or NO_CASE. */
  relation = new Int32Array(64);
  /** The number of that case's agreement (state.agreementSerial at creation). */
  agreement = new Int32Array(64);
  created = new Int32Array(64);
  deadline = new Int32Array(64);
  followUp = new Uint8Array(64);
  cost = new Float64Array(64);
  /** 1 for works and services (they relieve hardship when delivered), 0 for procedures. */
  works = new Uint8Array(64);
  /** Watched by a monitoring body: an orphaned commitment is seen at once. */
  monitored = new Uint8Array(64);
  /** Orphaned but not yet seen: nobody will deliver it, and the community does not know yet. */
  dropped = new Uint8Array(64);
  status = new Uint8Array(64);
  /**
   * Ids of the commitments that may still change, in increasing order (the monthly scans walk
   * this list, not the whole ledger: most of a long run's commitments are settled).
   */
  liveIds = new Int32Array(64);
  liveCount = 0;
  /** How many commitments have each status, indexed by CommitmentStatus. */
  readonly counts = new Int32Array(4);
  /** Open commitments that are orphaned but not yet seen. */
  droppedOpen = 0;

  /** Appends an open commitment and returns its id (its index). */
  add(c: NewCommitment): number {
    if (this.size === this.owner.length) this.grow();
    const id = this.size++;
    if (this.liveCount === this.liveIds.length) {
      const wider = new Int32Array(this.liveIds.length * 2);
      wider.set(this.liveIds);
      this.liveIds = wider;
    }
    this.liveIds[this.liveCount++] = id;
    this.owner[id] = c.owner;
    this.community[id] = c.community;
    this.project[id] = c.project;
    this.relation[id] = c.relation;
    this.agreement[id] = c.agreement;
    this.created[id] = c.created;
    this.deadline[id] = c.deadline;
    this.followUp[id] = c.followUp ? 1 : 0;
    this.cost[id] = c.cost;
    this.works[id] = c.works ? 1 : 0;
    this.monitored[id] = c.monitored ? 1 : 0;
    this.dropped[id] = 0;
    this.status[id] = CommitmentStatus.open;
    this.counts[CommitmentStatus.open]++;
    return id;
  }

  /** Closes an open commitment with a final status. */
  close(id: number, status: number): void {
    if (this.dropped[id] && this.status[id] === CommitmentStatus.open) this.droppedOpen--;
    this.counts[this.status[id]]--;
    this.counts[status]++;
    this.status[id] = status;
  }

  /** Marks an open commitment orphaned, unseen. */
  drop(id: number): void {
    if (this.dropped[id]) return;
    this.dropped[id] = 1;
    if (this.status[id] === CommitmentStatus.open) this.droppedOpen++;
  }

  /** Whether a commitment can still change: open, or broken but still deliverable. */
  live(id: number): boolean {
    const s = this.status[id];
    return s === CommitmentStatus.open || (s === CommitmentStatus.broken && this.dropped[id] === 0);
  }

  /** Drops settled commitments from the live list, keeping its order. */
  compact(): void {
    let kept = 0;
    for (let k = 0; k < this.liveCount; k++) {
      const id = this.liveIds[k];
      if (this.live(id)) this.liveIds[kept++] = id;
    }
    this.liveCount = kept;
  }

  private grow(): void {
    const n = this.owner.length * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.owner = widen(this.owner, (k) => new Int32Array(k));
    this.community = widen(this.community, (k) => new Int32Array(k));
    this.project = widen(this.project, (k) => new Int32Array(k));
    this.relation = widen(this.relation, (k) => new Int32Array(k));
    this.agreement = widen(this.agreement, (k) => new Int32Array(k));
    this.works = widen(this.works, (k) => new Uint8Array(k));
    this.monitored = widen(this.monitored, (k) => new Uint8Array(k));
    this.dropped = widen(this.dropped, (k) => new Uint8Array(k));
    this.created = widen(this.created, (k) => new Int32Array(k));
    this.deadline = widen(this.deadline, (k) => new Int32Array(k));
    this.followUp = widen(this.followUp, (k) => new Uint8Array(k));
    this.cost = widen(this.cost, (k) => new Float64Array(k));
    this.status = widen(this.status, (k) => new Uint8Array(k));
  }
}
