import { Type } from 'typebox';
import { featureCollection } from '../../interop/geojson';
import { AppError } from '../../model/errors';
import { findJurisdiction } from '../../model/jurisdictions';
import type { Organization } from '../../model/organization';
import type { Deps } from '../../services/context';
import { archiveOrganization } from '../../services/organizations/archive-organization';
import { createOrganization } from '../../services/organizations/create-organization';
import { getOrganizationRecord } from '../../services/organizations/organization-record';
import { getOrganization, listOrganizations } from '../../services/organizations/read-organizations';
import { updateOrganization } from '../../services/organizations/update-organization';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { GeoJsonFormat, sendGeoJson } from '../geojson';
import {
  OrganizationBody,
  OrganizationDetailSchema,
  OrganizationPage,
  OrganizationPatchBody,
  OrganizationQuery,
  OrganizationRecordSchema,
  OrganizationSchema,
} from './schemas';

const tags = ['organizations'];

/** The wire form: the organization plus the names of its jurisdictions. */
export function presentOrganization<T extends Organization>(org: T): T & { jurisdictionNames: string[] } {
  return { ...org, jurisdictionNames: org.jurisdictions.map((c) => findJurisdiction(c)?.name ?? c) };
}

export async function organizationRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/organizations',
    {
      schema: {
        tags,
        summary: 'Search the directory; format=geojson: the page as GeoJSON, each organization at its base',
        querystring: Type.Object({ ...OrganizationQuery.properties, format: GeoJsonFormat }, { additionalProperties: false }),
        response: { 200: OrganizationPage },
      },
    },
    async (request, reply) => {
      const { limit, cursor, jurisdiction, format, ...filter } = request.query;
      if (jurisdiction && !findJurisdiction(jurisdiction)) {
        throw new AppError('unknown_jurisdiction', {
          field: 'jurisdiction',
          detail: `jurisdiction: no GB/T 2260 division has the code ${jurisdiction}`,
        });
      }
      const page = await listOrganizations(deps, actorOf(request), { ...filter, jurisdiction }, { limit, cursor });
      const { items, ...rest } = { ...page, items: page.items.map(presentOrganization) };
      if (format !== 'geojson') return { ...rest, items };
      return sendGeoJson(
        reply,
        featureCollection(items, (o) => o.base, { omit: ['base'], foreign: rest }),
      );
    },
  );

  app.post(
    '/api/v1/organizations',
    { schema: { tags, summary: 'Register an organization', body: OrganizationBody, response: { 201: OrganizationSchema } } },
    async (request, reply) => {
      const org = await createOrganization(deps, actorOf(request), request.body);
      return reply.status(201).send(presentOrganization(org));
    },
  );

  app.get(
    '/api/v1/organizations/:id',
    { schema: { tags, summary: 'One organization', params: IdParams, response: { 200: OrganizationDetailSchema } } },
    async (request) => presentOrganization(await getOrganization(deps, actorOf(request), request.params.id)),
  );

  app.get(
    '/api/v1/organizations/:id/record',
    {
      schema: {
        tags,
        summary:
          'The organization’s record: claims fulfilled and dropped, dispatches accepted and declined, time to first progress, check-in discipline, after-action ratings',
        params: IdParams,
        response: { 200: OrganizationRecordSchema },
      },
    },
    async (request) => getOrganizationRecord(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organization’s profile',
        params: IdParams,
        body: OrganizationPatchBody,
        response: { 200: OrganizationSchema },
      },
    },
    async (request) => presentOrganization(await updateOrganization(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/organizations/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive an organization (nothing is deleted)',
        params: IdParams,
        response: { 200: OrganizationSchema },
      },
    },
    async (request) => presentOrganization(await archiveOrganization(deps, actorOf(request), request.params.id)),
  );
}
