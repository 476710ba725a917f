/** What every use case receives: the database, the clock and keys, and who is acting. */
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database';
import type { Tables } from '../db/schema';
import type { Role } from '../model/roles';
import type { FigureSource } from './analytics/figures';

export interface Deps {
  db: Kysely<Tables>;
  dialect: DialectName;
  now: () => Date;
  /** 32-byte key that encrypts personal data inside audit records. */
  auditKey: Buffer;
  /** Where uploaded files (evidence photos) are kept. */
  dataDir: string;
  /** The platform's public URL (CORESPOND_PUBLIC_URL): the `iss` of the statements it signs. */
  publicUrl?: string;
  /** Snapshots of the analytics' figures kept by a server; without them figures are computed on each call. */
  figures?: FigureSource;
}

export type Actor =
  | {
      kind: 'user';
      userId: string;
      role: Role;
      organizationId: string | null;
      jurisdiction: string | null;
    }
  | { kind: 'system'; label: string };

/** The actor id written into audit records. */
export function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : `system:${actor.label}`;
}

export function nowIso(deps: Deps): string {
  return deps.now().toISOString();
}
