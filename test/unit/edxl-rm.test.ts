import { describe, expect, it } from 'vitest';
import { claimToCommitResource, needToRequestResource, parseRequestResource } from '../../src/interop/edxl-rm';

const need = {
  id: 'n1',
  incidentId: 'i1',
  incidentName: null,
  title: '需要饮用水 <急> & 净水片',
  description: '独居老人',
  kind: 'goods',
  category: 'water_sanitation',
  quantity: 40,
  unit: '箱',
  item: null,
  urgency: 'high',
  vulnerableGroups: ['elderly', 'living_alone'],
  contactName: '张',
  contactPhone: '13800000000',
  createdAt: '2026-01-01T00:00:00.000Z',
  jurisdiction: '410105',
  jurisdictionName: '金水区',
  address: '金水路 1 号',
  lat: 34.776543,
  lon: 113.661234,
};

describe('EDXL-RM', () => {
  it('builds a RequestResource and parses it back into the same fields', () => {
    const xml = needToRequestResource(need, '2026-01-02T00:00:00.000Z');
    expect(xml).toContain('<RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0">');
    expect(xml).toContain('&lt;急&gt; &amp;');
    expect(parseRequestResource(xml)).toEqual({
      title: need.title,
      description: need.description,
      kind: 'goods',
      category: 'water_sanitation',
      quantity: 40,
      unit: '箱',
      urgency: 'high',
      vulnerableGroups: ['elderly', 'living_alone'],
      jurisdiction: '410105',
      lat: 34.776543,
      lon: 113.661234,
      address: '金水路 1 号',
      contactName: '张',
      contactPhone: '13800000000',
    });
  });

  it('leaves out what the reader may not see', () => {
    const xml = needToRequestResource(
      { ...need, contactName: null, contactPhone: null, address: null, description: null },
      'now',
    );
    expect(xml).not.toContain('ContactInformation');
    expect(xml).not.toContain('FreeTextAddress');
  });

  it('writes a claim as a CommitResource answering the need’s request', () => {
    const xml = claimToCommitResource(
      {
        id: 'c1',
        needId: 'n1',
        incidentId: 'i1',
        organizationName: '蓝天',
        category: 'water_sanitation',
        title: 't',
        quantity: 5,
        unit: '箱',
        status: 'active',
        expiresAt: 'b',
      },
      'now',
    );
    expect(xml).toContain('<OriginatingMessageID>urn:corespond:need:n1</OriginatingMessageID>');
    expect(xml).toContain('<MessageContentType>CommitResource</MessageContentType>');
  });

  it('refuses a DOCTYPE, entities and a foreign root, naming the element', () => {
    expect(() => parseRequestResource('<!DOCTYPE x><RequestResource/>')).toThrow(/DOCTYPE/);
    expect(() => parseRequestResource('<x xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0"/>')).toThrow(/RequestResource/);
    expect(() => parseRequestResource('<RequestResource xmlns="urn:other"/>')).toThrow(/namespace/);
  });
});
