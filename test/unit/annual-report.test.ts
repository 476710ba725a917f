import { describe, expect, it } from 'vitest';
import { principleIndicators } from '../../src/analysis/principles';
import { allCells } from '../../src/model/taxonomy';
import { type AnnualReportData, renderAnnualReport } from '../../src/reports/annual-report';

const data: AnnualReportData = {
  area: { code: '410100', name: '郑州市' },
  year: 2025,
  generatedAt: '2026-01-05T08:00:00.000Z',
  coverage: allCells().map((cell) => ({
    ...cell,
    organizations: cell.strategy === 'action' ? 3 : 0,
    activities: 0,
    needs: cell.strategy === 'resources' && cell.phase === 'recovery' ? 4 : 0,
    gap: cell.strategy === 'resources' && cell.phase === 'recovery',
  })),
  modes: {
    counts: { supplementary: 1, substitution: 1, complementary: 0, alienation: 1 },
    density: [
      { similarity: 0.8, embedding: 0.7, mode: 'supplementary', count: 1 },
      { similarity: 0.6, embedding: 0.1, mode: 'substitution', count: 1 },
      { similarity: 0, embedding: 0, mode: 'alienation', count: 1 },
    ],
  },
  lifecycle: { active: 4, reactiveOnly: 3, share: 0.75, byPhase: { risk: 1, crisis: 4, recovery: 2 } },
  specialNeeds: {
    vulnerable: { needs: 10, served: 5, shareServed: 0.5, medianHoursToServe: 12 },
    others: { needs: 20, served: 18, shareServed: 0.9, medianHoursToServe: 3 },
    unservedCount: 5,
  },
  collaboration: {
    density: 0.2,
    components: 2,
    largestComponent: 4,
    communities: 1,
    nodes: 6,
    edges: 3,
    isolated: 2,
    brokers: [{ name: '<甲>', betweenness: 0.4 }],
  },
  principles: principleIndicators({
    organizations: [{ id: 'a', normalTimeActive: true, tiedIn: false }],
    cellsCovered: 3,
    cooperationTypes: ['learning'],
    seatSubsystems: [],
    applications: [],
    newMembers: [],
  }),
  threeW: { total: 31, largest: [{ name: '甲', what: 'food', where: '金水区', when: '2025-07', count: 2 }] },
};

describe('the annual report', () => {
  it('writes each section’s text from its figures, with charts and a print stylesheet', () => {
    const html = renderAnnualReport(data);
    expect(html).toContain('郑州市应急协作网络年度报告（2025年）');
    expect(html).toContain('12 个功能格中有 3 个有组织承担职能。出现需求而无组织承担的缺口：资源介入·恢复管理。');
    expect(html).toContain('补充 1 个、替代 1 个、互补 0 个、疏离 1 个');
    expect(html).toContain('其中 3 个（75%）只在响应或恢复阶段出现');
    expect(html).toContain('满足率 50%，中位响应 12 h');
    expect(html).toContain('关键联结者：&lt;甲&gt;');
    expect(html).toContain('<td>食物保障</td>');
    expect(html).toContain('下表列出年内记录的 31 项工作中最多的 20 项。');
    expect((html.match(/<svg /g) ?? []).length).toBe(6);
    expect(html).toContain('@page { size: A4');
    expect(renderAnnualReport(data, 'en')).toContain('Gaps where needs arose and nobody serves: Resources·Recovery management.');
  });
});
