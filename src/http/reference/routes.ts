/** Reference data anyone may read: the taxonomy and the administrative divisions. */
import { Type } from 'typebox';
import type { Config } from '../../config';
import { AppError } from '../../model/errors';
import { childJurisdictions, findJurisdiction, jurisdictionPath, searchJurisdictions } from '../../model/jurisdictions';
import { ORGANIZATION_KINDS } from '../../model/organization';
import { ROLES } from '../../model/roles';
import { PHASES, SERVICE_CATEGORIES, STAGES, STRATEGIES } from '../../model/taxonomy';
import type { App } from '../app-types';
import { JurisdictionCode } from '../common-schemas';
import { JurisdictionDetailSchema, JurisdictionList, JurisdictionQuery, MapSettingsSchema } from './schemas';

export async function referenceRoutes(app: App, config: Pick<Config, 'mapStyleUrl'>): Promise<void> {
  app.get(
    '/api/v1/map-settings',
    {
      config: { public: true },
      schema: {
        tags: ['reference'],
        summary: 'The map style the board uses (null: the board draws its own simple map)',
        response: { 200: MapSettingsSchema },
      },
    },
    async () => ({ styleUrl: config.mapStyleUrl }),
  );

  app.get(
    '/api/v1/taxonomy',
    { config: { public: true }, schema: { tags: ['reference'], summary: 'Identifiers of the conceptual model (SPEC §1)' } },
    async () => ({
      strategies: STRATEGIES,
      phases: PHASES,
      stages: STAGES,
      serviceCategories: SERVICE_CATEGORIES,
      organizationKinds: ORGANIZATION_KINDS,
      roles: ROLES,
    }),
  );

  app.get(
    '/api/v1/jurisdictions',
    {
      config: { public: true },
      schema: {
        tags: ['reference'],
        summary: 'GB/T 2260 divisions: children of a code (provinces without one), or a name search',
        querystring: JurisdictionQuery,
        response: { 200: JurisdictionList },
      },
    },
    async (request) => {
      const { parent, q } = request.query;
      if (q) return { items: searchJurisdictions(q) };
      if (parent && !findJurisdiction(parent)) {
        throw new AppError('unknown_jurisdiction', {
          field: 'parent',
          detail: `parent: no GB/T 2260 division has the code ${parent}`,
        });
      }
      return { items: childJurisdictions(parent ?? null) };
    },
  );

  app.get(
    '/api/v1/jurisdictions/:code',
    {
      config: { public: true },
      schema: {
        tags: ['reference'],
        summary: 'One division with its path from the province down',
        params: Type.Object({ code: JurisdictionCode }),
        response: { 200: JurisdictionDetailSchema },
      },
    },
    async (request) => {
      const found = findJurisdiction(request.params.code);
      if (!found)
        throw new AppError('unknown_jurisdiction', {
          field: 'code',
          detail: `no GB/T 2260 division has the code ${request.params.code}`,
        });
      return { ...found, path: jurisdictionPath(found.code) };
    },
  );
}
