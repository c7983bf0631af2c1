/**
 * The commitments ledger: every promise made in a run, as a growable struct of arrays.
 * A commitment has an owner (an actor), the community it was made to, the project it
 * concerns, an optional deadline, an optional follow-up owner and a cost; it ends
 * fulfilled, broken or orphaned, or is still open when the run ends. Pure; no I/O.
 */

export const CommitmentStatus = { open: 0, fulfilled: 1, broken: 2, orphaned: 3 } as const;

/** No deadline (57.7% of real agreements, FACTS §2). */
export const NO_DEADLINE = -1;

export class CommitmentLedger {
  size = 0;
  owner = new Int32Array(64);
  community = new Int32Array(64);
  project = new Int32Array(64);
  created = new Int32Array(64);
  deadline = new Int32Array(64);
  followUp = new Uint8Array(64);
  cost = new Float64Array(64);
  status = new Uint8Array(64);
  /** Index below which every commitment is closed; the monthly scan starts here. */
  firstOpen = 0;
  /** How many commitments have each status, indexed by CommitmentStatus. */
  readonly counts = new Int32Array(4);

  /** Appends an open commitment and returns its id (its index). */
  add(owner: number, community: number, project: number, created: number, deadline: number, followUp: boolean, cost: number): number {
    if (this.size === this.owner.length) this.grow();
    const id = this.size++;
    this.owner[id] = owner;
    this.community[id] = community;
    this.project[id] = project;
    this.created[id] = created;
    this.deadline[id] = deadline;
    this.followUp[id] = followUp ? 1 : 0;
    this.cost[id] = cost;
    this.status[id] = CommitmentStatus.open;
    this.counts[CommitmentStatus.open]++;
    return id;
  }

  /** Closes an open commitment with a final status. */
  close(id: number, status: number): void {
    this.counts[this.status[id]]--;
    this.counts[status]++;
    this.status[id] = status;
  }

  /** Moves firstOpen past commitments that have closed. */
  compact(): void {
    while (this.firstOpen < this.size && this.status[this.firstOpen] !== CommitmentStatus.open) this.firstOpen++;
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
    this.created = widen(this.created, (k) => new Int32Array(k));
    this.deadline = widen(this.deadline, (k) => new Int32Array(k));
    this.followUp = widen(this.followUp, (k) => new Uint8Array(k));
    this.cost = widen(this.cost, (k) => new Float64Array(k));
    this.status = widen(this.status, (k) => new Uint8Array(k));
  }
}
