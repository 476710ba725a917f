/** What a checkpoint online is told about a pass: valid, revoked or expired, and nothing else. */
import { findPass } from '../../db/repositories/passes';
import { AppError } from '../../model/errors';
import { type PassState, passState } from '../../model/pass';
import type { Deps } from '../context';

export async function passStatus(deps: Deps, jti: string): Promise<{ status: PassState }> {
  const pass = await findPass(deps.db, jti);
  if (!pass) throw new AppError('not_found');
  return { status: passState(pass, deps.now()) };
}
