/** 3W/4W for an area and period (src/analysis/who-what-where.ts). */
import { whoWhatWhere } from '../../analysis/who-what-where';
import { activityRows } from '../../db/repositories/analytics';
import type { Actor, Deps } from '../context';
import { assertCanReadDirectory } from '../policy';
import { type AnalyticsScope, checkedScope } from './scope';

export async function whoWhatWhereOf(deps: Deps, actor: Actor, scope: AnalyticsScope) {
  assertCanReadDirectory(actor);
  const { jurisdiction, from, to } = checkedScope(deps, scope);
  return { ...whoWhatWhere(await activityRows(deps.db, jurisdiction, from, to)), from, to };
}
