/** Domain checks of organization fields beyond their JSON shape. */
import { checkCreditCode } from '../../model/credit-code';
import { AppError } from '../../model/errors';
import { findJurisdiction } from '../../model/jurisdictions';
import type { OrganizationFields, OrganizationInput } from '../../model/organization';

export type { OrganizationFields, OrganizationInput };

import { normalizeCategories, normalizeCells } from '../../model/taxonomy';

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Trims, normalizes and checks fields; throws an AppError naming the first bad field. */
export function normalizeOrganizationFields(input: OrganizationInput): OrganizationFields {
  const name = input.name.trim();
  if (!name) throw new AppError('invalid_input', { field: 'name', detail: 'name must not be blank' });

  let creditCode: string | null = null;
  const rawCode = blankToNull(input.creditCode);
  if (rawCode) {
    const checked = checkCreditCode(rawCode);
    if (!checked.ok) {
      const why = {
        length: 'must be 18 characters',
        alphabet: 'may use only digits and the letters A–Y without I, O, S, V, Z',
        checksum: 'its check character (the 18th) does not match',
      }[checked.problem];
      throw new AppError('invalid_credit_code', { field: 'creditCode', detail: `creditCode ${why}` });
    }
    creditCode = checked.code;
  }

  const jurisdictions = [...new Set(input.jurisdictions)];
  if (jurisdictions.length === 0) {
    throw new AppError('invalid_input', { field: 'jurisdictions', detail: 'jurisdictions needs at least one code' });
  }
  jurisdictions.forEach((code, i) => {
    if (!findJurisdiction(code)) {
      throw new AppError('unknown_jurisdiction', {
        field: `jurisdictions/${i}`,
        detail: `jurisdictions/${i}: no GB/T 2260 division has the code ${code}`,
      });
    }
  });

  return {
    kind: input.kind,
    name,
    nameEn: blankToNull(input.nameEn),
    creditCode,
    supervisingAgency: blankToNull(input.supervisingAgency),
    jurisdictions,
    base: input.base ?? null,
    capabilities: {
      cells: normalizeCells(input.capabilities?.cells ?? []),
      serviceCategories: normalizeCategories(input.capabilities?.serviceCategories ?? []),
    },
  };
}
