/**
 * What an organization can bring (资源与能力): typed capacity in the NIMS manner (kind,
 * type, quantity; type 1 most capable), rescue specialties graded by China's standard for
 * social emergency forces, and volunteers with their certificates and insurance.
 */

import type { Verification } from './embedding';

export const CAPACITY_KINDS = ['people', 'vehicle', 'boat', 'drone', 'equipment'] as const;
export type CapacityKind = (typeof CAPACITY_KINDS)[number];

export const RESCUE_SPECIALTIES = ['building_collapse', 'mountain', 'water', 'diving', 'emergency_medical'] as const;
export type RescueSpecialty = (typeof RESCUE_SPECIALTIES)[number];

export const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** Days before an expiry date from which it is shown as a warning. */
export const EXPIRY_WARNING_DAYS = 30;

export interface Certification {
  type: string;
  issuer: string;
  expiresOn: string | null;
}

export type ExpiryState = 'valid' | 'expiring' | 'expired';

/** Whether a date (YYYY-MM-DD) has passed, is within the warning window, or is comfortably ahead. */
export function expiryState(expiresOn: string | null, today: string, warningDays = EXPIRY_WARNING_DAYS): ExpiryState {
  if (expiresOn === null) return 'valid';
  if (expiresOn < today) return 'expired';
  const horizon = new Date(`${today}T00:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + warningDays);
  return expiresOn <= horizon.toISOString().slice(0, 10) ? 'expiring' : 'valid';
}

export interface ExpiryWarning {
  subject: 'certification' | 'insurance';
  label: string;
  expiresOn: string;
  state: Exclude<ExpiryState, 'valid'>;
}

/** The certificates and insurance of a volunteer that have expired or soon will. */
export function volunteerWarnings(
  volunteer: { certifications: Certification[]; insuranceExpiresOn: string | null },
  today: string,
): ExpiryWarning[] {
  const warnings: ExpiryWarning[] = [];
  for (const c of volunteer.certifications) {
    const state = expiryState(c.expiresOn, today);
    if (state !== 'valid' && c.expiresOn)
      warnings.push({ subject: 'certification', label: c.type, expiresOn: c.expiresOn, state });
  }
  const insurance = expiryState(volunteer.insuranceExpiresOn, today);
  if (insurance !== 'valid' && volunteer.insuranceExpiresOn) {
    warnings.push({ subject: 'insurance', label: 'insurance', expiresOn: volunteer.insuranceExpiresOn, state: insurance });
  }
  return warnings;
}

export interface CapacityItem {
  id: string;
  organizationId: string;
  kind: CapacityKind;
  /** What it is, e.g. 冲锋舟 or 救护车. */
  type: string;
  /** NIMS type: 1 is the most capable. */
  typeLevel: number;
  quantity: number;
  description: string | null;
  declaredBy: string;
  verification: Verification | null;
  createdAt: string;
  updatedAt: string;
}

export interface Specialty {
  id: string;
  organizationId: string;
  specialty: RescueSpecialty;
  /** 1 (highest) to 3. */
  grade: number;
  assessedBy: string;
  validUntil: string;
  declaredBy: string;
  verification: Verification | null;
  createdAt: string;
}

export interface Volunteer {
  id: string;
  organizationId: string;
  name: string;
  phone: string | null;
  skills: string[];
  certifications: Certification[];
  insuranceExpiresOn: string | null;
  availability: Availability;
  active: boolean;
  declaredBy: string;
  verification: Verification | null;
  createdAt: string;
  updatedAt: string;
}
