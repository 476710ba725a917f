/**
 * How an in-memory read model keeps up with the database: one load, then a catch-up before
 * every answer, one at a time. A failed load fails every answer (whoever holds the model lets
 * it go and loads anew); a failed catch-up fails only its own answer, and the next one catches
 * up from where the last good one left off.
 */
export class CaughtUp<T> {
  private readonly loaded: Promise<void>;
  private last: Promise<void>;

  constructor(
    private readonly model: T,
    load: () => Promise<void>,
    private readonly catchUp: () => Promise<void>,
  ) {
    this.loaded = load();
    this.last = this.loaded.catch(() => undefined);
  }

  /** The model with every change committed before this call. */
  current(): Promise<T> {
    const next = this.last.then(() => this.loaded).then(() => this.catchUp());
    this.last = next.catch(() => undefined);
    return next.then(() => this.model);
  }
}
