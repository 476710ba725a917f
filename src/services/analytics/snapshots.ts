/**
 * Snapshots of the analytics' figures, so a dashboard over a province's network answers
 * from memory. A figure is served while it is less than `maxLagMs` old, or older but the
 * data has not changed since (the audit chain's head, which every change advances, has
 * not moved). Figures asked for recently are recomputed in the background once the data
 * has moved, one at a time, early enough that a warm dashboard never waits and never
 * shows figures more than `maxLagMs` behind; a figure nobody asked for in `keepMs` is
 * dropped.
 */
import type { Executor } from '../../db/schema';
import { type FigureName, type FigureScope, type FigureSource, figureKey } from './figures';

export type ComputeFigure = (name: FigureName, scope: FigureScope) => Promise<unknown>;

export interface SnapshotOptions {
  /** How far behind the data a figure may be (default one minute). */
  maxLagMs?: number;
  /** How often the background refresh looks for moved data (default 10 s). */
  refreshEveryMs?: number;
  /** How long a figure nobody asks for is kept fresh (default 10 min). */
  keepMs?: number;
  /** At most this many figures are kept (default 200): the least recently read goes first. */
  maxFigures?: number;
  clock?: () => number;
}

interface Snapshot {
  name: FigureName;
  scope: FigureScope;
  value: Promise<unknown>;
  /** When the data version was read before computing: the figure shows the data as of then or later. */
  asOf: number;
  version: number;
  lastRead: number;
  refreshing: Promise<unknown> | null;
}

/** The audit chain's head: moves with every committed change, on every server process. */
export async function dataVersion(db: Executor): Promise<number> {
  const head = await db.selectFrom('audit_head').select('seq').executeTakeFirst();
  return Number(head?.seq ?? 0);
}

export class FigureSnapshots implements FigureSource {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly maxLagMs: number;
  private readonly keepMs: number;
  private readonly maxFigures: number;
  private readonly clock: () => number;
  private readonly timer: NodeJS.Timeout;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly db: Executor,
    private readonly compute: ComputeFigure,
    options: SnapshotOptions = {},
  ) {
    this.maxLagMs = options.maxLagMs ?? 60_000;
    this.keepMs = options.keepMs ?? 600_000;
    this.maxFigures = options.maxFigures ?? 200;
    this.clock = options.clock ?? Date.now;
    this.timer = setInterval(() => void this.refreshMoved(), options.refreshEveryMs ?? 10_000);
    this.timer.unref();
  }

  async figure(name: FigureName, scope: FigureScope): Promise<unknown> {
    const key = figureKey(name, scope);
    const now = this.clock();
    let snapshot = this.snapshots.get(key);
    if (!snapshot) {
      this.makeRoom();
      snapshot = { name, scope, value: Promise.resolve(), asOf: now, version: -1, lastRead: now, refreshing: null };
      this.snapshots.set(key, snapshot);
      snapshot.value = this.recompute(snapshot);
      snapshot.value.catch(() => this.snapshots.delete(key));
      return snapshot.value;
    }
    snapshot.lastRead = now;
    if (now - snapshot.asOf <= this.maxLagMs) return snapshot.value;
    const version = await dataVersion(this.db);
    if (version === snapshot.version) {
      snapshot.asOf = now;
      return snapshot.value;
    }
    // The data moved more than a minute ago and the background has not caught up: wait for it.
    return this.refresh(snapshot);
  }

  /** How many figures are kept. */
  get size(): number {
    return this.snapshots.size;
  }

  /** Any area and period may be asked for: past the limit, the figure read longest ago is let go. */
  private makeRoom(): void {
    if (this.snapshots.size < this.maxFigures) return;
    let oldest: [string, Snapshot] | undefined;
    for (const entry of this.snapshots) if (!oldest || entry[1].lastRead < oldest[1].lastRead) oldest = entry;
    if (oldest) this.snapshots.delete(oldest[0]);
  }

  /** Recomputes every kept figure whose data moved and that is older than a third of the lag allowed. */
  refreshMoved(): Promise<void> {
    this.sweeping ??= this.sweep().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    const now = this.clock();
    for (const [key, snapshot] of this.snapshots) {
      if (now - snapshot.lastRead > this.keepMs) this.snapshots.delete(key);
    }
    for (const snapshot of [...this.snapshots.values()]) {
      // Twenty seconds old by default: time left to recompute a province's figure before it is a minute behind.
      if (this.clock() - snapshot.asOf < this.maxLagMs / 3) continue;
      try {
        const version = await dataVersion(this.db);
        if (version === snapshot.version) snapshot.asOf = this.clock();
        else await this.refresh(snapshot);
      } catch {
        // A failed refresh leaves the older figure; a reader past the lag retries in the foreground.
      }
    }
  }

  /** Replaces the figure with a fresh one once computed; readers meanwhile keep the old one. */
  private refresh(snapshot: Snapshot): Promise<unknown> {
    snapshot.refreshing ??= this.recompute(snapshot)
      .then((value) => {
        snapshot.value = Promise.resolve(value);
        return value;
      })
      .finally(() => {
        snapshot.refreshing = null;
      });
    return snapshot.refreshing;
  }

  private async recompute(snapshot: Snapshot): Promise<unknown> {
    const asOf = this.clock();
    const version = await dataVersion(this.db);
    const value = await this.compute(snapshot.name, snapshot.scope);
    snapshot.asOf = asOf;
    snapshot.version = version;
    return value;
  }
}
