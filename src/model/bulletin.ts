/**
 * Bulletins and situation reports (通报, 简报, 情况报告): what the network tells, of an incident
 * or an area, to an audience, with how far it can be trusted. Pure words and rules, no I/O.
 */
import type { Role } from './roles';

export const BULLETIN_KINDS = ['bulletin', 'situation_report'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

/** How far a bulletin can be trusted: from a government agency or coordinator, checked by a coordinator, or neither. */
export const AUTHORITY_LEVELS = ['official', 'verified', 'unverified'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

/** Who reads it: everyone, the signed-in accounts of the network, or the coordinators (and its author). */
export const BULLETIN_AUDIENCES = ['public', 'network', 'coordinators'] as const;
export type BulletinAudience = (typeof BULLETIN_AUDIENCES)[number];

/** How a bulletin stands to an earlier one: it replaces it, or corrects it. */
export const BULLETIN_RELATIONS = ['supersedes', 'corrects'] as const;
export type BulletinRelation = (typeof BULLETIN_RELATIONS)[number];

export const BULLETIN_STATUSES = ['draft', 'published'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

/** A link attached to a bulletin (a document, a map, a photo album): titled, http(s) only. */
export interface Attachment {
  title: string;
  url: string;
}

export interface Bulletin {
  id: string;
  incidentId: string | null;
  /** The area it is about (GB/T 2260) when it is not of an incident. */
  jurisdiction: string | null;
  kind: BulletinKind;
  title: string;
  /** Markdown, rendered without raw HTML. */
  body: string;
  source: string | null;
  authorOrganizationId: string;
  authority: AuthorityLevel;
  audience: BulletinAudience;
  attachments: Attachment[];
  supersedesId: string | null;
  relation: BulletinRelation | null;
  status: BulletinStatus;
  verifiedBy: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** The authority a bulletin starts with: official from a government agency or a coordinator, else unverified until a coordinator checks it. */
export function initialAuthority(authorKind: string, role: Role | 'system'): AuthorityLevel {
  return authorKind === 'government_agency' || role === 'coordinator' || role === 'system' ? 'official' : 'unverified';
}

/** Whether a link may be attached: only http and https (no javascript:, data: or file: links). */
export function isSafeLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
