/**
 * EDXL-RM 1.0 (README, Exchange formats): an offer as an OfferUnsolicitedResource, built from
 * the offer exactly as its reader gets it in JSON — a donor's name, phone, note and place
 * appear only where the one policy shows them to that reader.
 */
import { Type } from 'typebox';
import { EDXL_RM_MEDIA_TYPE, offerToOfferUnsolicited } from '../../interop/edxl-rm';
import { findItem } from '../../model/items';
import { findJurisdiction } from '../../model/jurisdictions';
import type { OfferKind } from '../../model/offer';
import type { OfferView } from '../../services/resources/read-offers';

/** What an offer without a catalogue item is called, and the unit it counts in. */
const KIND_NAMES: Record<OfferKind, string> = {
  goods: '物资',
  money: '资金',
  service: '服务',
  equipment: '装备',
  vehicle: '车辆',
};

export function offerAsEdxl(offer: OfferView, sentAt: string): string {
  const item = offer.item ? findItem(offer.item) : undefined;
  const money = offer.kind === 'money';
  const description = [offer.conditions, offer.note].filter((s): s is string => !!s).join('\n');
  return offerToOfferUnsolicited(
    {
      id: offer.id,
      incidentId: offer.incidentId,
      organizationName: offer.organizationName,
      category: null,
      item: offer.item,
      title: item?.nameZh ?? KIND_NAMES[offer.kind],
      description: description || null,
      // Money in yuan (the JSON answer counts fen); anything without a quantity is one.
      quantity: money ? (offer.amountFen ?? 0) / 100 : (offer.quantity ?? 1),
      unit: money ? 'CNY' : (item?.unitZh ?? '项'),
      availableFrom: offer.availableFrom,
      availableUntil: offer.availableUntil,
      place: offer.jurisdiction
        ? {
            jurisdiction: offer.jurisdiction,
            jurisdictionName: findJurisdiction(offer.jurisdiction)?.name ?? null,
            address: null,
            lat: offer.lat,
            lon: offer.lon,
          }
        : null,
      contactName: offer.donorName,
      contactPhone: offer.donorPhone,
      createdAt: offer.createdAt,
    },
    sentAt,
  );
}

export const OfferFormat = Type.Object(
  {
    format: Type.Optional(
      Type.Enum(['json', 'edxl-rm'], {
        description: `edxl-rm: the offer as an EDXL-RM 1.0 OfferUnsolicitedResource (${EDXL_RM_MEDIA_TYPE})`,
      }),
    ),
  },
  { additionalProperties: false },
);
