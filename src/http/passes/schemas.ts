import { Type } from 'typebox';
import { PASS_STATES } from '../../model/pass';
import { Id, Nullable } from '../common-schemas';

/** What a pass says, signed into its token: only the last four digits of the leader's phone. */
export const PassClaimsSchema = Type.Object({
  jti: Type.String({ description: 'the pass id' }),
  sub: Type.String({ description: 'the deployment id' }),
  iat: Type.Integer({ description: 'issued, seconds since 1970' }),
  exp: Type.Integer({ description: 'expires, seconds since 1970' }),
  incident: Type.Object({ id: Type.String(), name: Type.String() }),
  organization: Type.Object({ id: Type.String(), name: Type.String() }),
  team: Type.String(),
  headcount: Type.Integer(),
  vehicles: Type.Integer(),
  zone: Nullable(Type.String()),
  leader: Type.Object({ name: Type.String(), phoneLast4: Type.String() }),
});

/** A deployment's pass (通行证) for its team leader and the incident's coordinators. */
export const PassSchema = Type.Object({
  id: Type.String({ description: 'the pass id (jti)' }),
  deploymentId: Id,
  kid: Type.String({ description: 'the id of the key in /.well-known/jwks.json that signed it' }),
  jws: Nullable(
    Type.String({ description: 'compact JWS, EdDSA (Ed25519), header typ "corespond-pass+jwt": the content of the QR code' }),
  ),
  issuedAt: Type.String(),
  validUntil: Type.String(),
  claims: Nullable(PassClaimsSchema),
  personalDataVisible: Type.Boolean(),
});

export const PassStatusParams = Type.Object({ jti: Id }, { additionalProperties: false });
export const PassStatusSchema = Type.Object({ status: Type.Enum(PASS_STATES) });

export const JwksSchema = Type.Object({
  keys: Type.Array(
    Type.Object({
      kty: Type.Literal('OKP'),
      crv: Type.Literal('Ed25519'),
      x: Type.String(),
      kid: Type.String(),
      alg: Type.Literal('EdDSA'),
      use: Type.Literal('sig'),
    }),
  ),
});
