/** An organization declares a filing (备案), an agreement or a seat; each starts self-declared. */

import { insertAgreement, insertFiling, insertSeat } from '../../db/repositories/embedding';
import type { Executor } from '../../db/schema';
import type { Agreement, AgreementType, Filing, Seat, Subsystem } from '../../model/embedding';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Organization } from '../../model/organization';
import type { Actor, Deps } from '../context';
import { declare, declareFor, orderedRange, requiredText } from '../declarations';
import { organizationForChange } from '../organizations/load-organization';

export async function fileFiling(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  input: { department: string; filedOn: string; reference?: string | null },
): Promise<Filing> {
  const department = requiredText(input.department, 'department');
  return declareFor(
    deps,
    actor,
    organizationId,
    (declaredBy, at) => ({
      id: newId(),
      organizationId,
      department,
      filedOn: input.filedOn,
      reference: input.reference?.trim() || null,
      declaredBy,
      verification: null,
      createdAt: at,
    }),
    insertFiling,
    'filing',
  );
}

export async function declareAgreement(
  deps: Deps,
  actor: Actor,
  input: {
    organizationId: string;
    counterpartId: string;
    type: AgreementType;
    validFrom: string;
    validTo?: string | null;
    reference?: string | null;
  },
): Promise<Agreement> {
  if (input.organizationId === input.counterpartId) {
    throw new AppError('invalid_input', { field: 'counterpartId', detail: 'an agreement needs two different organizations' });
  }
  const validTo = orderedRange(input.validFrom, input.validTo, 'validTo');
  return declare(
    deps,
    actor,
    async (trx) => [await organizationForChange(trx, input.organizationId), await counterpart(trx, input.counterpartId)],
    (declaredBy, at) => ({
      id: newId(),
      organizationId: input.organizationId,
      counterpartId: input.counterpartId,
      type: input.type,
      validFrom: input.validFrom,
      validTo,
      reference: input.reference?.trim() || null,
      declaredBy,
      verification: null,
      createdAt: at,
    }),
    insertAgreement,
    'agreement',
  );
}

async function counterpart(trx: Executor, id: string): Promise<Organization> {
  try {
    return await organizationForChange(trx, id);
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, { field: 'counterpartId', detail: `counterpartId: ${error.message}` });
    throw error;
  }
}

export async function declareSeat(
  deps: Deps,
  actor: Actor,
  input: {
    organizationId: string;
    structure: string;
    subsystem: Subsystem;
    liaisonName: string;
    from: string;
    to?: string | null;
  },
): Promise<Seat> {
  const structure = requiredText(input.structure, 'structure');
  const liaisonName = requiredText(input.liaisonName, 'liaisonName');
  const to = orderedRange(input.from, input.to, 'to');
  return declareFor(
    deps,
    actor,
    input.organizationId,
    (declaredBy, at) => ({
      id: newId(),
      organizationId: input.organizationId,
      structure,
      subsystem: input.subsystem,
      liaisonName,
      from: input.from,
      to,
      declaredBy,
      verification: null,
      createdAt: at,
    }),
    insertSeat,
    'seat',
  );
}
