/** One record of the audit log as readers see it; personal values inside stay encrypted. */
export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

/** The result of walking the hash chain. */
export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; reason: string };
}
