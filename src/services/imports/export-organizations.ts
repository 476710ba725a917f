/** The directory as a spreadsheet for reporting upward, in the roster's own columns. */
import type { OrganizationFilter } from '../../db/repositories/organizations';
import { organizationToRosterRow, ROSTER_HEADERS, ROSTER_NOTES } from '../../interop/roster';
import { type SheetFormat, writeTable } from '../../interop/spreadsheet';
import type { Actor, Deps } from '../context';
import { listOrganizations } from '../organizations/read-organizations';

const PAGE = 500;

export async function exportOrganizations(
  deps: Deps,
  actor: Actor,
  filter: OrganizationFilter,
  format: SheetFormat,
): Promise<Buffer> {
  const rows: (string | number | null)[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listOrganizations(deps, actor, filter, { limit: PAGE, cursor });
    rows.push(...page.items.map(organizationToRosterRow));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return writeTable(format, '组织名录', ROSTER_HEADERS, rows);
}

/** An empty roster with the Chinese headers, one example row and the filling notes. */
export function rosterTemplate(format: SheetFormat): Promise<Buffer> {
  const example = [
    '郑州市蓝天救援队',
    'Zhengzhou Blue Sky Rescue Team',
    '救援队',
    '',
    '郑州市民政局',
    '410102;410100',
    34.75,
    113.62,
    '行动介入·危机管理;理念介入·风险管理',
    '搜索救援;培训演练',
  ];
  return writeTable(format, '组织名录', ROSTER_HEADERS, [example], ROSTER_NOTES);
}
