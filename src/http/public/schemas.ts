import { Type } from 'typebox';
import { Id } from '../common-schemas';
import { IncidentSummary } from '../incidents/schemas';
import { NeedBody, PublicNeedSchema } from '../needs/schemas';

export const ReceiptParams = Type.Object({ code: Type.String({ minLength: 4, maxLength: 20 }) });

/** An open incident as the public sees it. */
export const PublicIncidentSchema = Type.Pick(IncidentSummary, [
  'id',
  'name',
  'category',
  'type',
  'level',
  'warningColor',
  'jurisdictions',
  'stage',
]);
export const PublicIncidentList = Type.Object({ items: Type.Array(PublicIncidentSchema) });
export const PublicNeedList = Type.Object({ items: Type.Array(PublicNeedSchema) });

export const PublicReportBody = Type.Object({ ...NeedBody.properties, incidentId: Id }, { additionalProperties: false });
export const PublicReportAnswer = Type.Object({ receiptCode: Type.String(), need: PublicNeedSchema });

/** A reported need followed by its receipt code, with its history (kinds and times only). */
export const PublicReceiptSchema = Type.Object({
  ...PublicNeedSchema.properties,
  history: Type.Array(Type.Object({ kind: Type.String(), at: Type.String() })),
});
