import { describe, expect, it } from 'vitest';
import { bigrams, searchKey, searchTerms, sortKey } from '../../src/model/search-text';

describe('search text', () => {
  it('folds Traditional to Simplified, full width, case and spaces', () => {
    expect(searchKey('廣東省 應急救援協會')).toBe('广东省应急救援协会');
    expect(searchKey('ＢＬＵＥ Sky')).toBe('bluesky');
    expect(searchKey('藍天救援隊')).toBe(searchKey('蓝天救援队'));
  });

  it('indexes character bigrams', () => {
    expect(bigrams('救援队')).toEqual(['救援', '援队']);
    expect(bigrams('救')).toEqual(['救']);
    expect(searchTerms('蓝天', 'Blue')).toEqual(['蓝天', 'bl', 'lu', 'ue']);
  });
});

describe('sort key', () => {
  it('orders names by pinyin, whatever the script', () => {
    expect(sortKey('郑州蓝天救援队')).toBe('zheng zhou lan tian jiu yuan dui');
    expect(sortKey('鄭州藍天救援隊')).toBe(sortKey('郑州蓝天救援队'));
    const names = ['郑州蓝天救援队', '安阳市红十字会', '河南省慈善总会', '卫辉市互助小组'];
    expect([...names].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual([
      '安阳市红十字会',
      '河南省慈善总会',
      '卫辉市互助小组',
      '郑州蓝天救援队',
    ]);
  });
});
