/** Verification of anything an organization declared about itself, one route per kind. */
import type { TSchema } from 'typebox';
import type { Deps } from '../../services/context';
import { type DeclarationTable, verifyDeclaration } from '../../services/verify-declaration';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { CapacitySchema, SpecialtySchema, VolunteerSchema } from '../capacity/schemas';
import { IdParams } from '../common-schemas';
import { AgreementSchema, FilingSchema, SeatSchema } from '../embedding/schemas';

const ROUTES: [path: string, table: DeclarationTable, schema: TSchema, what: string][] = [
  ['filings', 'filings', FilingSchema, 'a filing (备案)'],
  ['agreements', 'agreements', AgreementSchema, 'an agreement'],
  ['seats', 'seats', SeatSchema, 'a seat'],
  ['capacity', 'capacities', CapacitySchema, 'a capacity item'],
  ['specialties', 'specialties', SpecialtySchema, 'a rescue specialty'],
  ['volunteers', 'volunteers', VolunteerSchema, 'a volunteer record'],
];

export async function declarationRoutes(app: App, deps: Deps): Promise<void> {
  for (const [path, table, schema, what] of ROUTES) {
    app.post(
      `/api/v1/${path}/:id/verify`,
      {
        schema: {
          tags: ['verification'],
          summary: `Verify ${what} (coordinator of the organization’s home area)`,
          params: IdParams,
          response: { 200: schema },
        },
      },
      async (request) => verifyDeclaration(deps, actorOf(request), table, request.params.id),
    );
  }
}
