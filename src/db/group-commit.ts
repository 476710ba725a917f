/**
 * Group commit: concurrent writes of one kind wait briefly in a queue and are committed
 * together, in one transaction and so one fsync, instead of one transaction each. Every
 * write is still durable when its caller hears back; the database's durability settings are
 * untouched. While one group commits, the next gathers, so groups grow with the load and a
 * lone write goes through at once.
 *
 * The batch function settles each job on its own: a job it refuses (bad input) must have
 * written nothing, and the rest of the group still commits. If the batch's transaction fails
 * as a whole, every job of the group is tried again alone, so one job's failure reaches only
 * its own caller.
 */
import { channel } from 'node:diagnostics_channel';
import type { Kysely, Transaction } from 'kysely';
import type { Tables } from './schema';

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export type RunBatch<J, R> = (trx: Transaction<Tables>, jobs: J[]) => Promise<Settled<R>[]>;

/** What each committed group tells observers (metrics): no jobs, no data, only sizes and times. */
export interface GroupCommitted {
  /** The kind of write, e.g. `need-reports`. */
  name: string;
  size: number;
  /** Seconds the group's oldest job waited in the queue before its group began. */
  waitSeconds: number;
  /** Seconds from the group's start to its commit (the work before and the transaction). */
  commitSeconds: number;
}

/**
 * Committed groups are published here (node:diagnostics_channel), so the metrics can count
 * them without the database layer knowing of any metrics library.
 */
export const groupCommits = channel('corespond:group-commit');

interface Waiting<J, R> {
  job: J;
  queuedAt: number;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export interface CommitGroupOptions<J> {
  /** The kind of write, as observers see it (default `writes`). */
  name?: string;
  maxGroup?: number;
  /**
   * Work for a group before its transaction opens (loading what it will read, say), so that
   * long reads do not hold the write lock. A failure here fails the whole group.
   */
  before?: (jobs: J[]) => Promise<void>;
}

export class CommitGroup<J, R> {
  private queue: Waiting<J, R>[] = [];
  private committing = false;
  private scheduled = false;
  private readonly maxGroup: number;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly runBatch: RunBatch<J, R>,
    private readonly options: CommitGroupOptions<J> = {},
  ) {
    this.maxGroup = options.maxGroup ?? 500;
  }

  /** Queues a job; resolves once the group holding it has committed. */
  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, queuedAt: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.committing || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // After the I/O already waiting has been read, so requests that arrived together commit together.
    setImmediate(() => {
      this.scheduled = false;
      void this.commitNext();
    });
  }

  private async commitNext(): Promise<void> {
    if (this.committing || this.queue.length === 0) return;
    this.committing = true;
    const group = this.queue.splice(0, this.maxGroup);
    const started = performance.now();
    try {
      if (this.options.before) await this.options.before(group.map((w) => w.job));
      await this.commit(group);
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      if (groupCommits.hasSubscribers) {
        const committed: GroupCommitted = {
          name: this.options.name ?? 'writes',
          size: group.length,
          waitSeconds: (started - group[0].queuedAt) / 1000,
          commitSeconds: (performance.now() - started) / 1000,
        };
        groupCommits.publish(committed);
      }
      this.committing = false;
      this.schedule();
    }
  }

  private async commit(group: Waiting<J, R>[]): Promise<void> {
    let outcomes: Settled<R>[];
    try {
      outcomes = await this.db.transaction().execute((trx) =>
        this.runBatch(
          trx,
          group.map((w) => w.job),
        ),
      );
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      for (const one of group) await this.commit([one]);
      return;
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }
}

/** Runs a job's own checks; a thrown error settles only that job. */
export async function settle<R>(work: () => Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}
