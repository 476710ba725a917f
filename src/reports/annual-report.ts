/**
 * The printable annual network report of an area: one self-contained HTML page with a print
 * stylesheet, each analytic drawn as an SVG chart (ECharts rendered on the server) and a short
 * text generated from its figures. Pure: the figures come in, the page goes out.
 */
import * as echarts from 'echarts';
import type { CollaborationGraph } from '../analysis/collaboration';
import type { CooperationMode } from '../analysis/cooperation-modes';
import type { CoverageCell } from '../analysis/function-coverage';
import type { Fragmentation } from '../analysis/lifecycle';
import type { PrincipleIndicators } from '../analysis/principles';
import type { GroupCoverage } from '../analysis/special-needs';
import { PHASE_LABELS, SERVICE_CATEGORY_LABELS, STRATEGY_LABELS } from '../model/labels';
import { PHASES, type ServiceCategory, STRATEGIES } from '../model/taxonomy';

export type ReportLanguage = 'zh' | 'en';

export interface AnnualReportData {
  area: { code: string; name: string };
  year: number;
  generatedAt: string;
  coverage: CoverageCell[];
  /** How many organizations are in each mode, and how many at each point of the plane (to tenths). */
  modes: {
    counts: Record<CooperationMode, number>;
    density: { similarity: number; embedding: number; mode: CooperationMode; count: number }[];
  };
  lifecycle: Omit<Fragmentation, 'organizations'>;
  specialNeeds: { vulnerable: GroupCoverage; others: GroupCoverage; unservedCount: number };
  collaboration: Pick<CollaborationGraph, 'density' | 'components' | 'largestComponent' | 'communities'> & {
    nodes: number;
    edges: number;
    isolated: number;
    brokers: { name: string; betweenness: number }[];
  };
  principles: PrincipleIndicators;
  /** The largest records of work of the year, and how many records there are in all. */
  threeW: { total: number; largest: { name: string; what: string; where: string; when: string; count: number }[] };
}

const MODE_LABELS: Record<CooperationMode, { zh: string; en: string }> = {
  supplementary: { zh: '补充', en: 'Supplementary' },
  substitution: { zh: '替代', en: 'Substitution' },
  complementary: { zh: '互补', en: 'Complementary' },
  alienation: { zh: '疏离', en: 'Alienation' },
};
const MODE_COLORS: Record<CooperationMode, string> = {
  supplementary: '#2f6fb5',
  substitution: '#d48806',
  complementary: '#389e0d',
  alienation: '#8c8c8c',
};

const TEXT = {
  zh: {
    title: (area: string, year: number) => `${area}应急协作网络年度报告（${year}年）`,
    generated: '生成于',
    sections: ['功能图谱覆盖', '合作模式', '生命周期参与', '特殊需求保障', '协作网络', '四项原则', '谁在何处做什么（3W）'],
    orgs: '组织',
    activities: '活动',
    needs: '需求',
    gap: '缺口',
    none: '无',
    coverage: (covered: number, gaps: string[]) =>
      `12 个功能格中有 ${covered} 个有组织承担职能。${gaps.length ? `出现需求而无组织承担的缺口：${gaps.join('、')}。` : '本年度未发现需求与职能之间的缺口。'}`,
    modes: (counts: Record<CooperationMode, number>, total: number) =>
      total
        ? `共评估 ${total} 个非政府组织：补充 ${counts.supplementary} 个、替代 ${counts.substitution} 个、互补 ${counts.complementary} 个、疏离 ${counts.alienation} 个。${counts.alienation + counts.substitution > total / 2 ? '多数组织尚未嵌入正式体系，应优先推动备案、协议与席位。' : '多数组织已与正式体系建立联系。'}`
        : '本地区暂无非政府组织。',
    lifecycle: (l: Omit<Fragmentation, 'organizations'>) =>
      l.active
        ? `年内有活动的组织 ${l.active} 个，其中 ${l.reactiveOnly} 个（${pct(l.share)}）只在响应或恢复阶段出现，未参与风险管理——“重反应、轻风险”。`
        : '年内没有记录到组织活动。',
    special: (v: GroupCoverage, o: GroupCoverage, unserved: number) =>
      `涉及脆弱人群的需求 ${v.needs} 条，满足率 ${pct(v.shareServed)}，中位响应 ${hours(v.medianHoursToServe)}；其他需求 ${o.needs} 条，满足率 ${pct(o.shareServed)}，中位响应 ${hours(o.medianHoursToServe)}。尚未满足的脆弱人群需求 ${unserved} 条。`,
    network: (c: AnnualReportData['collaboration']) =>
      `协作网络有 ${c.nodes} 个组织、${c.edges} 条协作关系，密度 ${c.density}，分为 ${c.components} 个连通部分（最大 ${c.largestComponent} 个组织），${c.isolated} 个组织没有任何协作关系。${c.brokers.length ? `关键联结者：${c.brokers.map((b) => b.name).join('、')}。` : ''}`,
    principles: (p: PrincipleIndicators) =>
      [
        `常态化：${p.normalization.organizations} 个组织中 ${p.normalization.normalTimeActive} 个在过去 12 个月有常态化活动（${pct(p.normalization.share)}）。`,
        `综合化：覆盖 ${p.comprehensiveness.cellsCovered}/12 个功能格，合作类型均衡度 ${p.comprehensiveness.cooperationEvenness ?? '—'}。`,
        `互嵌化：${pct(p.embedding.share)} 的组织有协议或席位，覆盖 ${p.embedding.subsystems.length}/4 个子系统。`,
        `开放化：收到入网申请 ${p.openness.applications} 份，准入率 ${pct(p.openness.admissionRate)}，决定中位用时 ${p.openness.medianDaysToDecision ?? '—'} 天，新成员中草根与社区组织占 ${pct(p.openness.grassrootsShare)}。`,
      ].join(''),
    threeW: (rows: number) => (rows ? `下表列出年内记录的 ${rows} 项工作中最多的 20 项。` : '年内没有记录到工作。'),
    columns: ['组织', '内容', '地点', '月份', '次数'],
    principleNames: ['常态化', '综合化', '互嵌化', '开放化'],
    similarity: '服务相似度',
    embedding: '嵌入度',
    served: '满足率',
    medianHours: '中位响应（小时）',
    vulnerable: '脆弱人群',
    others: '其他',
  },
  en: {
    title: (area: string, year: number) => `${area}: emergency cooperation network, annual report ${year}`,
    generated: 'Generated',
    sections: [
      'Function-map coverage',
      'Cooperation modes',
      'Participation over the cycle',
      'Special needs',
      'Collaboration network',
      'The four principles',
      'Who does what where (3W)',
    ],
    orgs: 'organizations',
    activities: 'activities',
    needs: 'needs',
    gap: 'gap',
    none: 'none',
    coverage: (covered: number, gaps: string[]) =>
      `${covered} of the 12 cells of the function map are served by organizations. ${gaps.length ? `Gaps where needs arose and nobody serves: ${gaps.join(', ')}.` : 'No gaps between needs and functions this year.'}`,
    modes: (counts: Record<CooperationMode, number>, total: number) =>
      total
        ? `${total} non-government organizations: ${counts.supplementary} supplementary, ${counts.substitution} substitution, ${counts.complementary} complementary, ${counts.alienation} alienation.`
        : 'No non-government organizations in this area.',
    lifecycle: (l: Omit<Fragmentation, 'organizations'>) =>
      l.active
        ? `${l.active} organizations were active; ${l.reactiveOnly} (${pct(l.share)}) only in response or recovery, never in risk management.`
        : 'No activity recorded this year.',
    special: (v: GroupCoverage, o: GroupCoverage, unserved: number) =>
      `${v.needs} needs of vulnerable people, ${pct(v.shareServed)} served, median ${hours(v.medianHoursToServe)}; ${o.needs} other needs, ${pct(o.shareServed)} served, median ${hours(o.medianHoursToServe)}. ${unserved} needs of vulnerable people unserved.`,
    network: (c: AnnualReportData['collaboration']) =>
      `${c.nodes} organizations and ${c.edges} ties; density ${c.density}; ${c.components} components (the largest ${c.largestComponent}); ${c.isolated} isolated. ${c.brokers.length ? `Brokers: ${c.brokers.map((b) => b.name).join(', ')}.` : ''}`,
    principles: (p: PrincipleIndicators) =>
      `Normalization ${pct(p.normalization.share)}; comprehensiveness ${p.comprehensiveness.cellsCovered}/12 cells; embedding ${pct(p.embedding.share)} with an agreement or seat; openness: ${p.openness.applications} applications, admission rate ${pct(p.openness.admissionRate)}.`,
    threeW: (rows: number) => (rows ? `The 20 largest of ${rows} records of work this year.` : 'No work recorded this year.'),
    columns: ['Organization', 'What', 'Where', 'Month', 'Count'],
    principleNames: ['Normalization', 'Comprehensiveness', 'Embedding', 'Openness'],
    similarity: 'Service similarity',
    embedding: 'Embedding',
    served: 'Share served',
    medianHours: 'Median hours to serve',
    vulnerable: 'Vulnerable people',
    others: 'Others',
  },
};

function pct(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

function hours(h: number | null): string {
  return h === null ? '—' : `${h} h`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** An ECharts option drawn to an SVG string on the server. */
function svg(option: echarts.EChartsCoreOption, width = 640, height = 320): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

function coverageChart(cells: CoverageCell[], lang: ReportLanguage): string {
  const t = TEXT[lang];
  const max = Math.max(1, ...cells.map((c) => c.organizations));
  return svg({
    grid: { left: 110, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: PHASES.map((p) => PHASE_LABELS[p][lang]) },
    yAxis: { type: 'category', data: STRATEGIES.map((s) => STRATEGY_LABELS[s][lang]) },
    visualMap: { show: false, min: 0, max, dimension: 2, inRange: { color: ['#f3f7fc', '#7fa8d6'] } },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => ({
          value: [PHASES.indexOf(c.phase), STRATEGIES.indexOf(c.strategy), c.organizations],
          itemStyle: { borderColor: c.gap ? '#cf1322' : '#fff', borderWidth: c.gap ? 3 : 1 },
          label: {
            show: true,
            formatter: `${t.orgs} ${c.organizations}\n${t.activities} ${c.activities} · ${t.needs} ${c.needs}${c.gap ? `\n${t.gap}` : ''}`,
            color: '#1f1f1f',
            fontSize: 11,
          },
        })),
      },
    ],
  });
}

function modesChart(modes: AnnualReportData['modes'], lang: ReportLanguage): string {
  const t = TEXT[lang];
  return svg({
    grid: { left: 50, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'value', min: 0, max: 1, name: t.similarity, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', min: 0, max: 1, name: t.embedding, nameLocation: 'middle', nameGap: 32 },
    series: (Object.keys(MODE_LABELS) as CooperationMode[]).map((mode, i) => ({
      type: 'scatter',
      name: MODE_LABELS[mode][lang],
      // One bubble per point of the plane, its area by how many organizations sit there.
      symbolSize: (value: number[]) => 6 + 3 * Math.sqrt(value[2]),
      itemStyle: { color: MODE_COLORS[mode], opacity: 0.75 },
      data: modes.density.filter((m) => m.mode === mode).map((m) => [m.similarity, m.embedding, m.count]),
      ...(i === 0
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#999' },
              data: [{ xAxis: 0.5 }, { yAxis: 0.5 }],
              label: { show: false },
            },
          }
        : {}),
    })),
    legend: { bottom: 0 },
  });
}

function barChart(categories: string[], series: { name: string; data: (number | null)[] }[]): string {
  return svg({
    grid: { left: 50, right: 20, top: 30, bottom: 40 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, label: { show: true, position: 'top' } })),
  });
}

function radarChart(p: PrincipleIndicators, lang: ReportLanguage): string {
  const names = TEXT[lang].principleNames;
  const values = [p.normalization.share, p.comprehensiveness.cellShare, p.embedding.share, p.openness.admissionRate];
  return svg(
    {
      radar: { indicator: names.map((name) => ({ name, max: 1 })), radius: '65%' },
      series: [{ type: 'radar', data: [{ value: values.map((v) => v ?? 0), areaStyle: { opacity: 0.25 } }] }],
    },
    480,
    320,
  );
}

function section(title: string, chart: string, text: string, extra = ''): string {
  return `<section><h2>${escapeHtml(title)}</h2><figure>${chart}</figure><p>${escapeHtml(text)}</p>${extra}</section>`;
}

export function renderAnnualReport(data: AnnualReportData, lang: ReportLanguage = 'zh'): string {
  const t = TEXT[lang];
  const counts = data.modes.counts;
  const placed = Object.values(counts).reduce((a, b) => a + b, 0);
  const gaps = data.coverage
    .filter((c) => c.gap)
    .map((c) => `${STRATEGY_LABELS[c.strategy][lang]}·${PHASE_LABELS[c.phase][lang]}`);
  const v = data.specialNeeds.vulnerable;
  const o = data.specialNeeds.others;
  const what = (w: string) => SERVICE_CATEGORY_LABELS[w as ServiceCategory]?.[lang] ?? w;
  const rows = data.threeW.largest;
  const table = rows.length
    ? `<table><thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows
        .map(
          (r) =>
            `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(what(r.what))}</td><td>${escapeHtml(r.where)}</td><td>${escapeHtml(r.when)}</td><td>${r.count}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  const body = [
    section(
      t.sections[0],
      coverageChart(data.coverage, lang),
      t.coverage(data.coverage.filter((c) => c.organizations > 0).length, gaps),
    ),
    section(t.sections[1], modesChart(data.modes, lang), t.modes(counts, placed)),
    section(
      t.sections[2],
      barChart(
        PHASES.map((p) => PHASE_LABELS[p][lang]),
        [{ name: t.orgs, data: PHASES.map((p) => data.lifecycle.byPhase[p]) }],
      ),
      t.lifecycle(data.lifecycle),
    ),
    section(
      t.sections[3],
      barChart(
        [t.served, t.medianHours],
        [
          { name: t.vulnerable, data: [v.shareServed === null ? null : Math.round(v.shareServed * 100), v.medianHoursToServe] },
          { name: t.others, data: [o.shareServed === null ? null : Math.round(o.shareServed * 100), o.medianHoursToServe] },
        ],
      ),
      t.special(v, o, data.specialNeeds.unservedCount),
    ),
    section(
      t.sections[4],
      barChart(
        data.collaboration.brokers.map((b) => b.name),
        [{ name: 'betweenness', data: data.collaboration.brokers.map((b) => b.betweenness) }],
      ),
      t.network(data.collaboration),
    ),
    section(t.sections[5], radarChart(data.principles, lang), t.principles(data.principles)),
    section(t.sections[6], '', t.threeW(data.threeW.total), table),
  ].join('\n');
  const title = t.title(data.area.name, data.year);
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-Hans' : 'en'}">
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
  th { background: #f5f7fa; }
  @media print {
    body { margin: 0; max-width: none; }
    section { break-inside: avoid; page-break-inside: avoid; }
    h2 { break-after: avoid; }
    @page { size: A4; margin: 16mm 14mm; }
  }
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><div class="meta">${escapeHtml(data.area.code)} · ${t.generated} ${escapeHtml(data.generatedAt.slice(0, 16).replace('T', ' '))} UTC</div></header>
${body}
</body>
</html>`;
}
