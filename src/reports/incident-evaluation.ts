/**
 * The evaluation report of an incident: a short text per section written from its figures
 * by templates (Simplified Chinese, Traditional Chinese derived from it, English), and the
 * printable page — one self-contained HTML page with a print stylesheet and SVG charts drawn
 * on the server, printed to PDF through the same path as the annual report. Pure.
 */
import * as echarts from 'echarts';
import * as OpenCC from 'opencc-js';
import type { CategoryFigures, Contribution, DeploymentFigures, TimelineEntry } from '../analysis/incident-evaluation';
import type { GroupCoverage } from '../analysis/special-needs';
import { SERVICE_CATEGORY_LABELS } from '../model/labels';
import type { ServiceCategory } from '../model/taxonomy';

export const EVALUATION_LANGUAGES = ['zh', 'zh-Hant', 'en'] as const;
export type EvaluationLanguage = (typeof EVALUATION_LANGUAGES)[number];
export const EVALUATION_SECTIONS = ['timeline', 'needs', 'vulnerable', 'deployments', 'organizations', 'lessons'] as const;
export type EvaluationSection = (typeof EVALUATION_SECTIONS)[number];

export interface EvaluationFigures {
  incident: {
    id: string;
    name: string;
    level: number;
    warningColor: string | null;
    stage: string;
    declaredAt: string;
    closedAt: string | null;
  };
  generatedAt: string;
  timeline: TimelineEntry[];
  needs: { total: number; served: number; byCategory: CategoryFigures[] };
  vulnerable: { vulnerable: GroupCoverage; others: GroupCoverage };
  deployments: DeploymentFigures & {
    /** The alarms the server's sweep recorded while the incident ran (missed check-ins, stale needs). */
    recorded: { missedCheckIns: number; staleNeeds: number; acknowledged: number };
  };
  organizations: (Contribution & { name: string })[];
  lessons: {
    total: number;
    reviews: number;
    meanRating: number | null;
    items: { id: string; kind: string; title: string; createdAt: string }[];
  };
}

type Lang = 'zh' | 'en';

const STAGE_NAMES: Record<string, { zh: string; en: string }> = {
  preparedness: { zh: '应急准备', en: 'preparedness' },
  response: { zh: '应急响应', en: 'response' },
  recovery: { zh: '恢复重建', en: 'recovery' },
  closed: { zh: '结束', en: 'closed' },
};
const LEVEL_NAMES = ['', 'Ⅰ级（特别重大）', 'Ⅱ级（重大）', 'Ⅲ级（较大）', 'Ⅳ级（一般）'];
const LESSON_KIND_NAMES: Record<string, { zh: string; en: string }> = {
  experience: { zh: '经验', en: 'experience' },
  lesson: { zh: '教训', en: 'lesson learned' },
  after_action_review: { zh: '复盘评估', en: 'after-action review' },
};

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const category = (c: string, lang: Lang) => SERVICE_CATEGORY_LABELS[c as ServiceCategory]?.[lang] ?? c;
const stageName = (s: string | null, lang: Lang) => (s === null ? '—' : (STAGE_NAMES[s]?.[lang] ?? s));

/** Minutes as a reader says them: "45 分钟", "3.5 小时", "2.1 天". */
function duration(minutes: number | null, lang: Lang): string {
  if (minutes === null) return '—';
  if (minutes < 90) return lang === 'zh' ? `${Math.round(minutes)} 分钟` : `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return lang === 'zh' ? `${(minutes / 60).toFixed(1)} 小时` : `${(minutes / 60).toFixed(1)} h`;
  return lang === 'zh' ? `${(minutes / 1440).toFixed(1)} 天` : `${(minutes / 1440).toFixed(1)} days`;
}

const hoursAsMinutes = (h: number | null) => (h === null ? null : h * 60);

const TEXTS: Record<Lang, Record<EvaluationSection, (f: EvaluationFigures) => string>> = {
  zh: {
    timeline: (f) => {
      const stages = f.timeline.filter((e) => e.kind === 'stage');
      const levels = f.timeline.filter((e) => e.kind === 'level').length;
      const span = f.incident.closedAt ?? f.generatedAt;
      return `事件于 ${f.incident.declaredAt.slice(0, 10)} 宣布，${f.incident.closedAt ? `${f.incident.closedAt.slice(0, 10)} 结束，` : '尚未结束，'}历时 ${duration((Date.parse(span) - Date.parse(f.incident.declaredAt)) / 60_000, 'zh')}；经历 ${stages.length} 次阶段转换（${stages.map((e) => stageName(e.to, 'zh')).join('→') || '无'}）${levels ? `，${levels} 次级别调整` : ''}，当前级别 ${LEVEL_NAMES[f.incident.level] ?? f.incident.level}。`;
    },
    needs: (f) => {
      if (f.needs.total === 0) return '本事件没有记录到需求。';
      const top = f.needs.byCategory[0];
      const slowest = [...f.needs.byCategory]
        .filter((c) => c.medianMinutesToClaim !== null)
        .sort((a, b) => (b.medianMinutesToClaim as number) - (a.medianMinutesToClaim as number))[0];
      return `共记录需求 ${f.needs.total} 条，已满足 ${f.needs.served} 条（${pct(f.needs.served / f.needs.total)}）。最多的是${category(top.category, 'zh')}（${top.needs} 条），中位认领用时 ${duration(top.medianMinutesToClaim, 'zh')}，中位满足用时 ${duration(top.medianMinutesToFulfil, 'zh')}。${slowest && slowest !== top ? `认领最慢的是${category(slowest.category, 'zh')}（中位 ${duration(slowest.medianMinutesToClaim, 'zh')}）。` : ''}`;
    },
    vulnerable: (f) => {
      const { vulnerable: v, others: o } = f.vulnerable;
      if (v.needs === 0) return '本事件没有记录到涉及脆弱人群的需求；应核实是否存在未被发现的特殊需求。';
      const gap = v.shareServed !== null && o.shareServed !== null ? v.shareServed - o.shareServed : null;
      return `涉及脆弱人群的需求 ${v.needs} 条，满足率 ${pct(v.shareServed)}，中位满足用时 ${duration(hoursAsMinutes(v.medianHoursToServe), 'zh')}；其他需求 ${o.needs} 条，满足率 ${pct(o.shareServed)}，中位 ${duration(hoursAsMinutes(o.medianHoursToServe), 'zh')}。${gap === null ? '' : gap < -0.05 ? '脆弱人群的需求满足率低于其他需求，存在“趋中性”遗漏的风险。' : '脆弱人群的需求未落后于其他需求。'}`;
    },
    deployments: (f) => {
      const d = f.deployments;
      if (d.filed === 0) return '本事件没有报备的队伍。';
      const r = d.recorded;
      const log =
        r.missedCheckIns + r.staleNeeds
          ? `系统记录告警 ${r.missedCheckIns + r.staleNeeds} 条（失联 ${r.missedCheckIns}、需求久未更新 ${r.staleNeeds}），已确认 ${r.acknowledged} 条。`
          : '';
      return `报备队伍 ${d.filed} 支，实际出动 ${d.deployed} 支（来自 ${d.organizations} 个组织，共 ${d.people} 人）。报到间隔按时 ${d.checkIns.kept} 次、超时 ${d.checkIns.missed} 次（按时率 ${pct(d.checkIns.share)}），触发失联告警 ${d.alarms} 次。${log}`;
    },
    organizations: (f) => {
      if (f.organizations.length === 0) return '没有组织认领需求或出动队伍。';
      const lead = f.organizations.slice(0, 3).map((o) => o.name);
      return `${f.organizations.length} 个组织参与了本事件的响应；交付最多的是${lead.join('、')}。`;
    },
    lessons: (f) => {
      const l = f.lessons;
      if (l.total === 0) return '尚未记录经验教训或复盘评估，建议在事件结束后组织复盘。';
      return `记录经验教训 ${l.total} 条，其中复盘评估 ${l.reviews} 份${l.meanRating === null ? '' : `，组织表现平均评分 ${l.meanRating}/5`}。`;
    },
  },
  en: {
    timeline: (f) => {
      const stages = f.timeline.filter((e) => e.kind === 'stage');
      const levels = f.timeline.filter((e) => e.kind === 'level').length;
      const span = f.incident.closedAt ?? f.generatedAt;
      return `Declared on ${f.incident.declaredAt.slice(0, 10)}, ${f.incident.closedAt ? `closed on ${f.incident.closedAt.slice(0, 10)}` : 'not yet closed'}, lasting ${duration((Date.parse(span) - Date.parse(f.incident.declaredAt)) / 60_000, 'en')}; ${stages.length} stage changes (${stages.map((e) => stageName(e.to, 'en')).join(' → ') || 'none'})${levels ? `, ${levels} level changes` : ''}; level ${f.incident.level} now.`;
    },
    needs: (f) => {
      if (f.needs.total === 0) return 'No needs were recorded.';
      const top = f.needs.byCategory[0];
      return `${f.needs.total} needs, ${f.needs.served} served (${pct(f.needs.served / f.needs.total)}). Most were ${category(top.category, 'en')} (${top.needs}): median ${duration(top.medianMinutesToClaim, 'en')} to claim, ${duration(top.medianMinutesToFulfil, 'en')} to fulfil.`;
    },
    vulnerable: (f) => {
      const { vulnerable: v, others: o } = f.vulnerable;
      if (v.needs === 0) return 'No needs of vulnerable people were recorded; check that none went unseen.';
      return `${v.needs} needs of vulnerable people, ${pct(v.shareServed)} served, median ${duration(hoursAsMinutes(v.medianHoursToServe), 'en')}; ${o.needs} other needs, ${pct(o.shareServed)} served, median ${duration(hoursAsMinutes(o.medianHoursToServe), 'en')}.`;
    },
    deployments: (f) => {
      const d = f.deployments;
      if (d.filed === 0) return 'No teams were filed.';
      const r = d.recorded;
      const log =
        r.missedCheckIns + r.staleNeeds
          ? ` The sweep recorded ${r.missedCheckIns} missed check-in and ${r.staleNeeds} stale-need alarms, ${r.acknowledged} acknowledged.`
          : '';
      return `${d.filed} teams filed, ${d.deployed} deployed (${d.organizations} organizations, ${d.people} people). Check-in intervals kept ${d.checkIns.kept}, missed ${d.checkIns.missed} (${pct(d.checkIns.share)} kept); ${d.alarms} missed check-in alarms.${log}`;
    },
    organizations: (f) =>
      f.organizations.length === 0
        ? 'No organization claimed needs or deployed teams.'
        : `${f.organizations.length} organizations took part; those who delivered most: ${f.organizations
            .slice(0, 3)
            .map((o) => o.name)
            .join(', ')}.`,
    lessons: (f) =>
      f.lessons.total === 0
        ? 'No lessons or after-action reviews recorded yet.'
        : `${f.lessons.total} lessons recorded, ${f.lessons.reviews} after-action reviews${f.lessons.meanRating === null ? '' : `; organizations rated ${f.lessons.meanRating}/5 on average`}.`,
  },
};

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const base = (lang: EvaluationLanguage): Lang => (lang === 'en' ? 'en' : 'zh');
const inScript = (text: string, lang: EvaluationLanguage) => (lang === 'zh-Hant' ? toTraditional(text) : text);

/** The text of each section, written from the figures. */
export function evaluationTexts(f: EvaluationFigures, lang: EvaluationLanguage): Record<EvaluationSection, string> {
  const t = TEXTS[base(lang)];
  return Object.fromEntries(EVALUATION_SECTIONS.map((s) => [s, inScript(t[s](f), lang)])) as Record<EvaluationSection, string>;
}

const HEADINGS: Record<Lang, Record<EvaluationSection, string> & { title: string; generated: string }> = {
  zh: {
    title: '事件评估报告',
    generated: '生成于',
    timeline: '阶段与级别时间线',
    needs: '需求：按类别的认领与满足用时',
    vulnerable: '脆弱人群需求与其他需求',
    deployments: '队伍出动与失联告警',
    organizations: '各组织的贡献',
    lessons: '经验教训',
  },
  en: {
    title: 'Incident evaluation',
    generated: 'Generated',
    timeline: 'Timeline of stages and levels',
    needs: 'Needs by category: time to claim and to fulfil',
    vulnerable: 'Vulnerable people’s needs against the others',
    deployments: 'Deployments and alarms',
    organizations: 'Organizations’ contributions',
    lessons: 'Lessons recorded',
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function svg(option: echarts.EChartsCoreOption, width = 640, height = 280): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

function bars(names: string[], series: { name: string; data: (number | null)[] }[]): string {
  if (names.length === 0) return '';
  return svg({
    grid: { left: 50, right: 20, top: 30, bottom: 60 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, label: { show: true, position: 'top' } })),
  });
}

function table(head: string[], rows: (string | number)[][]): string {
  if (rows.length === 0) return '';
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The printable evaluation page. */
export function renderEvaluation(f: EvaluationFigures, lang: EvaluationLanguage = 'zh'): string {
  const l = base(lang);
  const h = HEADINGS[l];
  const texts = evaluationTexts(f, lang);
  const zh = l === 'zh';
  const hours = (m: number | null) => (m === null ? null : Math.round((m / 60) * 10) / 10);
  const charts: Record<EvaluationSection, string> = {
    timeline: table(
      zh ? ['时间', '变化', '从', '到', '原因'] : ['When', 'Change', 'From', 'To', 'Reason'],
      f.timeline.map((e) => [
        e.at.slice(0, 16).replace('T', ' '),
        e.kind,
        e.kind === 'stage' ? stageName(e.from, l) : (e.from ?? '—'),
        e.kind === 'stage' ? stageName(e.to, l) : e.to,
        e.reason ?? '',
      ]),
    ),
    needs: bars(
      f.needs.byCategory.map((c) => category(c.category, l)),
      [
        {
          name: zh ? '认领中位（小时）' : 'Median hours to claim',
          data: f.needs.byCategory.map((c) => hours(c.medianMinutesToClaim)),
        },
        {
          name: zh ? '满足中位（小时）' : 'Median hours to fulfil',
          data: f.needs.byCategory.map((c) => hours(c.medianMinutesToFulfil)),
        },
      ],
    ),
    vulnerable: bars(zh ? ['满足率（%）', '中位满足（小时）'] : ['Share served (%)', 'Median hours to serve'], [
      {
        name: zh ? '脆弱人群' : 'Vulnerable people',
        data: [
          f.vulnerable.vulnerable.shareServed === null ? null : Math.round(f.vulnerable.vulnerable.shareServed * 100),
          f.vulnerable.vulnerable.medianHoursToServe,
        ],
      },
      {
        name: zh ? '其他' : 'Others',
        data: [
          f.vulnerable.others.shareServed === null ? null : Math.round(f.vulnerable.others.shareServed * 100),
          f.vulnerable.others.medianHoursToServe,
        ],
      },
    ]),
    deployments: bars(Object.keys(f.deployments.byStatus), [
      { name: zh ? '队伍' : 'Teams', data: Object.values(f.deployments.byStatus) },
    ]),
    organizations: table(
      zh
        ? ['组织', '认领', '完成', '交付数量', '出动队伍', '人数', '评分']
        : ['Organization', 'Claims', 'Fulfilled', 'Quantity', 'Teams', 'People', 'Rating'],
      f.organizations.map((o) => [
        o.name,
        o.claims,
        o.fulfilledClaims,
        o.quantityFulfilled,
        o.deployments,
        o.people,
        o.rating ?? '—',
      ]),
    ),
    lessons: table(
      zh ? ['日期', '类型', '标题'] : ['Date', 'Kind', 'Title'],
      f.lessons.items.map((x) => [x.createdAt.slice(0, 10), LESSON_KIND_NAMES[x.kind]?.[l] ?? x.kind, x.title]),
    ),
  };
  const body = EVALUATION_SECTIONS.map(
    (s) =>
      `<section><h2>${escapeHtml(inScript(h[s], lang))}</h2><p>${escapeHtml(texts[s])}</p><figure>${inScript(charts[s], lang)}</figure></section>`,
  ).join('\n');
  const title = inScript(`${f.incident.name} · ${h.title}`, lang);
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : lang === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f1f1f; margin: 24px auto; max-width: 820px; line-height: 1.7; }
  header { border-bottom: 2px solid #2f6fb5; margin-bottom: 16px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 17px; margin: 24px 0 8px; color: #2f6fb5; }
  .meta { color: #595959; font-size: 12px; margin-bottom: 8px; }
  figure { margin: 0; }
  svg { max-width: 100%; height: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { border: 1px solid #d9d9d9; padding: 4px 6px; text-align: left; }
  section { break-inside: avoid; }
  @page { size: A4; margin: 16mm; }
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><div class="meta">${escapeHtml(inScript(h.generated, lang))} ${escapeHtml(f.generatedAt.slice(0, 16).replace('T', ' '))} UTC</div></header>
${body}
</body>
</html>
`;
}
