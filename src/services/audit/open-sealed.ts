/**
 * Reading sealed values of audit records back: which were erased (their data key destroyed),
 * and, for a person's own export, what they held.
 */
import type { Executor } from '../../db/schema';
import type { Deps } from '../context';
import { openingKeys } from './data-keys';
import { auditKeyId, type Sealed, unseal } from './record-change';

function sealedIn(value: unknown, out: Sealed[]): Sealed[] {
  if (Array.isArray(value)) for (const v of value) sealedIn(v, out);
  else if (value !== null && typeof value === 'object') {
    const sealed = (value as { sealed?: unknown }).sealed;
    if (sealed && typeof sealed === 'object' && typeof (sealed as Sealed).kid === 'string') out.push(sealed as Sealed);
  }
  return out;
}

/**
 * Marks the sealed values whose data key was erased (`erased: true`, the ciphertext left out of
 * the answer: nobody can open it), in place. The stored records, and so the chain, are unchanged.
 */
export async function markErased(db: Executor, deps: Deps, values: unknown[]): Promise<void> {
  const sealed = values.flatMap((v) => sealedIn(v, []));
  if (sealed.length === 0) return;
  const keys = await openingKeys(
    db,
    deps,
    sealed.map((s) => s.kid),
  );
  for (const s of sealed) {
    if (keys.get(s.kid) === null || s.erased) {
      s.erased = true;
      delete s.enc;
    }
  }
}

/**
 * A record's value with its sealed values opened in place (for the export of a person's own
 * data), or marked `erased` where their key is gone.
 */
export async function openSealed(db: Executor, deps: Deps, value: unknown): Promise<unknown> {
  const sealed = sealedIn(value, []);
  const keys = await openingKeys(
    db,
    deps,
    sealed.map((s) => s.kid),
  );
  const auditKid = auditKeyId(deps.auditKey);
  const open = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(open);
    if (v === null || typeof v !== 'object') return v;
    const { sealed: s, ...rest } = v as { sealed?: Sealed } & Record<string, unknown>;
    if (!s) return v;
    const key = s.kid === auditKid ? deps.auditKey : keys.get(s.kid);
    if (!key || s.enc === undefined) return { ...rest, erased: s.fields };
    return { ...rest, ...(unseal(key, s) as Record<string, unknown>) };
  };
  return open(value);
}
