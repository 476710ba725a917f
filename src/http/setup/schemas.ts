import { Type } from 'typebox';
import { SessionSchema } from '../auth/schemas';
import { Password, RoleSchema } from '../users/schemas';

export const SetupBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Password,
    displayName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    loadDemo: Type.Optional(Type.Boolean({ description: 'also load the demo network with one account per role' })),
  },
  { additionalProperties: false },
);

/** One account of the demo network, with its (public) password. */
export const DemoAccountSchema = Type.Object({
  role: RoleSchema,
  email: Type.String(),
  password: Type.String(),
  organization: Type.Union([Type.String(), Type.Null()], {
    description: 'the organization’s name, for accounts that belong to one',
  }),
  jurisdiction: Type.Union([Type.String(), Type.Null()], { description: 'the division code, for coordinators' }),
});

/** The first admin's session and, when asked for, the demo network. */
export const SetupAnswerSchema = Type.Object({
  ...SessionSchema.properties,
  demo: Type.Union([Type.Object({ organizations: Type.Integer(), accounts: Type.Array(DemoAccountSchema) }), Type.Null()]),
});
