/**
 * The text of a situation report (情况报告) drafted from an incident's own figures, as Markdown
 * that its author edits before publishing. Pure: figures in, text out.
 */
import { findJurisdiction } from '../model/jurisdictions';
import { SERVICE_CATEGORY_LABELS } from '../model/labels';
import type { VulnerableGroup } from '../model/need';
import type { ServiceCategory } from '../model/taxonomy';

export interface SituationFigures {
  incidentName: string;
  generatedAt: string;
  /** Needs by category, area and status. */
  needs: { category: string; jurisdiction: string; status: string; count: number }[];
  /** Deployments by status. */
  deploymentsByStatus: Record<string, number>;
  /** Teams on the ground now (checked in or working) and the people with them. */
  teamsCheckedIn: number;
  /** Vulnerable groups among needs not yet served, with how many needs each. */
  unservedVulnerable: { group: string; needs: number }[];
}

const STATUS_ZH: Record<string, string> = {
  open: '待认领',
  claimed: '已认领',
  in_progress: '处理中',
  fulfilled: '已满足',
  closed: '已关闭',
  filed: '已报备',
  approved: '已批准',
  en_route: '在途',
  checked_in: '已报到',
  working: '作业中',
  standby: '待命',
  withdrawn: '已撤出',
  declined: '未批准',
  returned: '已返回',
};

const GROUP_ZH: Record<VulnerableGroup, string> = {
  elderly: '老年人',
  disabled: '残障人士',
  children: '儿童',
  pregnant: '孕产妇',
  chronically_ill: '慢性病患者',
  minority: '少数民族群众',
  migrant: '流动人口',
  living_alone: '独居者',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const categoryName = (c: string) => SERVICE_CATEGORY_LABELS[c as ServiceCategory]?.zh ?? c;
const areaName = (code: string) => findJurisdiction(code)?.name ?? code;

/** The draft's Markdown: needs open / claimed / fulfilled by category and area, deployments by state, teams on the ground, unserved vulnerable groups. */
export function situationReportMarkdown(f: SituationFigures): string {
  const lines: string[] = [`截至 ${f.generatedAt}，${cell(f.incidentName)}情况如下（根据平台数据自动生成，发布前请核对）。`, ''];
  lines.push('## 需求', '');
  if (f.needs.length === 0) lines.push('暂无登记的需求。', '');
  else {
    const key = (n: { category: string; jurisdiction: string }) => `${n.category}\u0000${n.jurisdiction}`;
    const rows = new Map<string, Record<string, number>>();
    for (const n of f.needs) rows.set(key(n), { ...rows.get(key(n)), [n.status]: n.count });
    lines.push('| 类别 | 区域 | 待认领 | 已认领/处理中 | 已满足 |', '| --- | --- | ---: | ---: | ---: |');
    for (const [k, counts] of rows) {
      const [category, area] = k.split('\u0000');
      const claimed = (counts.claimed ?? 0) + (counts.in_progress ?? 0);
      lines.push(
        `| ${cell(categoryName(category))} | ${cell(areaName(area))} | ${counts.open ?? 0} | ${claimed} | ${counts.fulfilled ?? 0} |`,
      );
    }
    lines.push('');
  }
  lines.push('## 力量部署', '');
  const statuses = Object.entries(f.deploymentsByStatus);
  if (statuses.length === 0) lines.push('暂无报备的队伍。');
  else lines.push(`${statuses.map(([s, n]) => `${STATUS_ZH[s] ?? s} ${n} 支`).join('，')}。`);
  lines.push('', `目前在现场（已报到或作业中）的队伍：${f.teamsCheckedIn} 支。`, '');
  lines.push('## 尚未满足的特殊群体需求', '');
  if (f.unservedVulnerable.length === 0) lines.push('暂无。');
  else
    lines.push(
      `${f.unservedVulnerable.map((g) => `${GROUP_ZH[g.group as VulnerableGroup] ?? g.group} ${g.needs} 项`).join('，')}。`,
    );
  return `${lines.join('\n')}\n`;
}
