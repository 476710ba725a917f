/**
 * In-memory read models kept per owner (a process's set of dependencies) and incident: made on
 * an incident's first use, let go once it has not been used for a while (made anew when next
 * used), or at once when its maker says so (a failed load).
 */
export class KeptPerIncident<T> {
  private readonly byOwner = new WeakMap<object, Map<string, { value: T; lastUsed: number }>>();

  constructor(
    private readonly make: (owner: object, incidentId: string, forget: () => void) => T,
    private readonly idleMs = 30 * 60_000,
  ) {}

  /** The model already kept for an incident, if any; neither makes one nor counts as a use. */
  peek(owner: object, incidentId: string): T | undefined {
    return this.byOwner.get(owner)?.get(incidentId)?.value;
  }

  of(owner: object, incidentId: string): T {
    let byIncident = this.byOwner.get(owner);
    if (!byIncident) {
      byIncident = new Map();
      this.byOwner.set(owner, byIncident);
    }
    const now = Date.now();
    for (const [id, held] of byIncident) if (now - held.lastUsed > this.idleMs) byIncident.delete(id);
    let held = byIncident.get(incidentId);
    if (!held) {
      const kept = byIncident;
      let made: { value: T; lastUsed: number } | undefined;
      // For a later failure (a load that rejects): forgets this model, not one made since.
      const forget = () => {
        if (made && kept.get(incidentId) === made) kept.delete(incidentId);
      };
      made = { value: this.make(owner, incidentId, forget), lastUsed: now };
      kept.set(incidentId, made);
      held = made;
    }
    held.lastUsed = now;
    return held.value;
  }
}
