/**
 * Money moving through an organization's hands for an incident (资金): received (against a
 * donor's pledge or directly, say from its own public fundraising), disbursed for a purpose,
 * or given back to the donor. Amounts are integers in fen; the ledger keeps them as the money
 * asset (src/model/ledger.ts). And the rule of China's Charity Law on public fundraising
 * (公开募捐): only an organization holding the qualification may raise money from the public.
 * Pure rules.
 */

export const MONEY_MOVEMENT_KINDS = ['receipt', 'disbursement', 'return'] as const;
export type MoneyMovementKind = (typeof MONEY_MOVEMENT_KINDS)[number];

/** The most one movement records: a hundred million yuan, in fen (beyond it, a typo). */
export const MAX_MOVEMENT_FEN = 10_000_000_000;

export interface MoneyMovement {
  id: string;
  incidentId: string;
  organizationId: string;
  kind: MoneyMovementKind;
  amountFen: number;
  /** The offer (pledge) received or given back against; null for direct receipts and disbursements. */
  offerId: string | null;
  /** The need a disbursement was for, if any. */
  needId: string | null;
  /** Received money the organization raised from the public. */
  raisedPublicly: boolean;
  /** What a disbursement paid for, why money was given back, or a receipt's note. */
  purpose: string | null;
  transactionId: string;
  actorId: string;
  at: string;
}

/** Whether an amount is a positive whole number of fen that one movement may record. */
export function isMovementAmount(amountFen: number): boolean {
  return Number.isSafeInteger(amountFen) && amountFen > 0 && amountFen <= MAX_MOVEMENT_FEN;
}

/**
 * Whether an organization held the public-fundraising qualification on the day of `at`: it
 * holds it, and since a day no later than that one (no date: held, from an unknown day).
 */
export function qualifiedToFundraiseOn(
  org: { publicFundraisingQualified: boolean; publicFundraisingSince: string | null },
  at: string,
): boolean {
  if (!org.publicFundraisingQualified) return false;
  return org.publicFundraisingSince === null || org.publicFundraisingSince <= chinaDay(at);
}

/** The calendar day (YYYY-MM-DD) of an instant in China Standard Time (UTC+8), the day a qualification is dated by. */
export function chinaDay(at: string): string {
  return new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Yuan from fen, as the ledger's whole units. */
export function yuanOf(fen: number): number {
  return fen / 100;
}
