import { Type } from 'typebox';
import { Password, RoleSchema, UserSchema } from '../users/schemas';

const strict = { additionalProperties: false } as const;

export const Credentials = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password }, strict);
export const TokenBody = Type.Object(
  { ...Credentials.properties, label: Type.Optional(Type.String({ maxLength: 100 })) },
  strict,
);
export const TokenSchema = Type.Object({ token: Type.String(), expiresAt: Type.String() });
export const PasswordChangeBody = Type.Object({ currentPassword: Password, newPassword: Password }, strict);

const may = (description: string) => Type.Boolean({ description });

/** What the signed-in account may do, from the policy the server enforces (src/services/auth/capabilities.ts). */
export const CapabilitiesSchema = Type.Object(
  {
    createOrganizations: may('register organizations (coordinators inside their area)'),
    importOrganizations: may('import a roster of organizations'),
    includeArchived: may('list archived organizations in the directory (includeArchived)'),
    manageUsers: may('list and manage accounts (organization admins: their own organization’s)'),
    assignableRoles: Type.Array(RoleSchema, { description: 'the roles this account may give to accounts it manages' }),
    chooseOrganization: may('place managed accounts in any organization (otherwise only in its own)'),
    readAnyAccount: may('read any account (to name the actors of records)'),
    readAudit: may('read and verify the audit log'),
    readApiDocs: may('offered the API documentation (the OpenAPI document itself is public)'),
    reviewMembership: may('read the application queue and the cultivation desk'),
    declareIncidents: may('declare incidents (coordinators inside their area)'),
    fileDeployments: may('file deployments (报备) for its organization (admins: for any)'),
    claimNeeds: may('claim needs for the organization it acts for (admins: for any)'),
    actsForAnyOrganization: may('acts for every organization in the field (admins pick which)'),
    fieldOrganizationId: Type.Union([Type.String(), Type.Null()], {
      description: 'the organization this account acts for in the field; null for roles that act for none',
    }),
    recordLessons: may('record experience and lessons in the knowledge base'),
    recordReviews: may('record after-action reviews (of incidents it coordinates)'),
    recordPrograms: may('record normal-time programs'),
    programLeadOrganizationId: Type.Union([Type.String(), Type.Null()], {
      description: 'the lead organization of the programs this account records (organization admins: their own); null: any',
    }),
    manageWebhooks: may('register webhooks and read their delivery logs (its own; platform admins: every one)'),
  },
  {
    description:
      'What the signed-in account may do. The server checks every request again; answers about one record come with it (viewerCan…).',
  },
);

export const SessionSchema = Type.Object({ user: UserSchema, csrfToken: Type.String(), capabilities: CapabilitiesSchema });
