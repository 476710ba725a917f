/**
 * Cooperation modes (SPEC §1): each non-government organization placed on two axes.
 * Service similarity — the share of its service categories that government agencies serving
 * an overlapping area also provide; embedding — the recognitions that tie it into the formal
 * system, verified by a coordinator and in force at the end of the period. Homogeneous and
 * embedded: supplementary; homogeneous, not embedded: substitution; heterogeneous and
 * embedded: complementary; heterogeneous, not embedded: alienation. Pure.
 */
import type { AgreementType } from '../model/embedding';
import { validOn } from '../model/embedding';
import type { ServiceCategory } from '../model/taxonomy';

export const MODES = ['supplementary', 'substitution', 'complementary', 'alienation'] as const;
export type CooperationMode = (typeof MODES)[number];

export const RECOGNITIONS = ['creditCode', 'filing', 'agreement', 'emergencyPlan', 'seat'] as const;
export type Recognition = (typeof RECOGNITIONS)[number];

export interface ModeConfig {
  /** What each kind of verified recognition adds to embedding (the sum is capped at 1). */
  weights: Record<Recognition, number>;
  /** Similarity at or above this is homogeneous. */
  similarityThreshold: number;
  /** Embedding at or above this is embedded. */
  embeddingThreshold: number;
}

export const DEFAULT_MODE_CONFIG: ModeConfig = {
  weights: { creditCode: 0.2, filing: 0.2, agreement: 0.3, emergencyPlan: 0.2, seat: 0.3 },
  similarityThreshold: 0.5,
  embeddingThreshold: 0.5,
};

/**
 * An organization's recognitions as recorded; only those a coordinator has verified count,
 * each while its own document is in force (a filing from its date, agreements and seats
 * between theirs).
 */
export interface RecognitionRecord {
  /** The credit code was verified by a coordinator and has not changed since. */
  creditCodeVerified: boolean;
  filings: { filedOn: string; verified: boolean }[];
  agreements: { type: AgreementType; validFrom: string; validTo: string | null; verified: boolean }[];
  seats: { from: string; to: string | null; verified: boolean }[];
}

/** Which recognitions count at the end of the period (`day`): verified, and in force then. */
export function recognitionsOn(record: RecognitionRecord, day: string): Recognition[] {
  const held: Recognition[] = [];
  if (record.creditCodeVerified) held.push('creditCode');
  if (record.filings.some((f) => f.verified && f.filedOn <= day)) held.push('filing');
  const active = (type: (t: AgreementType) => boolean) =>
    record.agreements.some((a) => a.verified && type(a.type) && validOn(a.validFrom, a.validTo, day));
  if (active((t) => t === 'mou' || t === 'service_contract')) held.push('agreement');
  if (active((t) => t === 'emergency_plan')) held.push('emergencyPlan');
  if (record.seats.some((s) => s.verified && validOn(s.from, s.to, day))) held.push('seat');
  return held;
}

/** Embedding: the weights of the recognitions held, summed and capped at 1. */
export function embeddingScore(held: readonly Recognition[], config: ModeConfig = DEFAULT_MODE_CONFIG): number {
  const sum = held.reduce((total, r) => total + config.weights[r], 0);
  return Math.min(1, Number(sum.toFixed(4)));
}

/** Share of the organization's categories that government serving an overlapping area also provides (0 with none). */
export function serviceSimilarity(categories: readonly ServiceCategory[], government: ReadonlySet<ServiceCategory>): number {
  const own = [...new Set(categories)];
  if (own.length === 0) return 0;
  return Number((own.filter((c) => government.has(c)).length / own.length).toFixed(4));
}

export function modeOf(similarity: number, embedding: number, config: ModeConfig = DEFAULT_MODE_CONFIG): CooperationMode {
  const homogeneous = similarity >= config.similarityThreshold;
  const embedded = embedding >= config.embeddingThreshold;
  if (homogeneous) return embedded ? 'supplementary' : 'substitution';
  return embedded ? 'complementary' : 'alienation';
}

export interface Placement {
  similarity: number;
  embedding: number;
  mode: CooperationMode;
  /** The inputs, readable: which categories government also provides, which recognitions count. */
  explanation: string;
  shared: ServiceCategory[];
  recognitions: Recognition[];
}

/** Places one organization, explained by its inputs. */
export function placeOrganization(
  categories: readonly ServiceCategory[],
  government: ReadonlySet<ServiceCategory>,
  record: RecognitionRecord,
  day: string,
  config: ModeConfig = DEFAULT_MODE_CONFIG,
): Placement {
  const own = [...new Set(categories)];
  const shared = own.filter((c) => government.has(c));
  const similarity = serviceSimilarity(own, government);
  const recognitions = recognitionsOn(record, day);
  const embedding = embeddingScore(recognitions, config);
  const mode = modeOf(similarity, embedding, config);
  const explanation = [
    own.length
      ? `${shared.length} of ${own.length} service categories also provided by government (${shared.join(', ') || 'none'}): similarity ${similarity}`
      : 'no service categories declared: similarity 0',
    recognitions.length
      ? `verified on ${day}: ${recognitions.map((r) => `${r} ${config.weights[r]}`).join(', ')}: embedding ${embedding}`
      : `no verified recognition in force on ${day}: embedding 0`,
    `${similarity >= config.similarityThreshold ? 'homogeneous' : 'heterogeneous'} and ${embedding >= config.embeddingThreshold ? 'embedded' : 'not embedded'}: ${mode}`,
  ].join('; ');
  return { similarity, embedding, mode, explanation, shared, recognitions };
}
