/** Capacity, rescue specialties and volunteers of an organization. */
import {
  addVolunteer,
  amendCapacity,
  amendVolunteer,
  declareCapacity,
  declareSpecialty,
} from '../../services/capacity/manage-capacity';
import { getCapacity, listVolunteers } from '../../services/capacity/read-capacity';
import type { Deps } from '../../services/context';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import {
  CapacityBody,
  CapacityPatchBody,
  CapacitySchema,
  CapacityViewSchema,
  SpecialtyBody,
  SpecialtySchema,
  VolunteerBody,
  VolunteerListSchema,
  VolunteerPatchBody,
  VolunteerQuery,
  VolunteerSchema,
} from './schemas';

const tags = ['capacity'];

export async function capacityRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/organizations/:id/capacity',
    {
      schema: {
        tags,
        summary: 'Typed capacity and graded rescue specialties',
        params: IdParams,
        response: { 200: CapacityViewSchema },
      },
    },
    async (request) => getCapacity(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/organizations/:id/capacity',
    {
      schema: {
        tags,
        summary: 'Declare capacity (people, vehicles, boats, drones, equipment)',
        params: IdParams,
        body: CapacityBody,
        response: { 201: CapacitySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await declareCapacity(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/capacity/:id',
    {
      schema: {
        tags,
        summary: 'Change a capacity item (it becomes self-declared again)',
        params: IdParams,
        body: CapacityPatchBody,
        response: { 200: CapacitySchema },
      },
    },
    async (request) => amendCapacity(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/organizations/:id/specialties',
    {
      schema: {
        tags,
        summary: 'Declare a graded rescue specialty',
        params: IdParams,
        body: SpecialtyBody,
        response: { 201: SpecialtySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await declareSpecialty(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/organizations/:id/volunteers',
    {
      schema: {
        tags,
        summary: 'Volunteers with certificate and insurance warnings (names only for those who need them)',
        params: IdParams,
        querystring: VolunteerQuery,
        response: { 200: VolunteerListSchema },
      },
    },
    async (request) => listVolunteers(deps, actorOf(request), request.params.id, request.query.includeInactive ?? false),
  );

  app.post(
    '/api/v1/organizations/:id/volunteers',
    { schema: { tags, summary: 'Add a volunteer', params: IdParams, body: VolunteerBody, response: { 201: VolunteerSchema } } },
    async (request, reply) => reply.status(201).send(await addVolunteer(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/volunteers/:id',
    {
      schema: {
        tags,
        summary: 'Change a volunteer’s record (active: false when they leave)',
        params: IdParams,
        body: VolunteerPatchBody,
        response: { 200: VolunteerSchema },
      },
    },
    async (request) => amendVolunteer(deps, actorOf(request), request.params.id, request.body),
  );
}
