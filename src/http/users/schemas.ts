import { Type } from 'typebox';
import { ROLES } from '../../model/roles';
import { Cursor, Id, JurisdictionCode, Limit, Nullable, Page } from '../common-schemas';

const strict = { additionalProperties: false } as const;
export const RoleSchema = Type.Enum(ROLES);
const Email = Type.String({ minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 200 });

export const UserSchema = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  organizationId: Type.Union([Type.String(), Type.Null()]),
  jurisdiction: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const NewUserBody = Type.Object(
  {
    email: Email,
    password: Password,
    role: RoleSchema,
    organizationId: Type.Optional(Nullable(Id)),
    jurisdiction: Type.Optional(Nullable(JurisdictionCode)),
    displayName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  strict,
);

export const UserPatchBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    organizationId: Type.Optional(Nullable(Id)),
    jurisdiction: Type.Optional(Nullable(JurisdictionCode)),
    displayName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    disabled: Type.Optional(Type.Boolean()),
  },
  strict,
);

export const PasswordResetBody = Type.Object({ password: Password }, strict);
export const UserQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) }, strict);
/** An account as the account list shows it, with whether the reader may change, disable or reset it. */
export const ManagedUserSchema = Type.Object({ ...UserSchema.properties, viewerCanManage: Type.Boolean() });
export const UserPage = Page(ManagedUserSchema);
