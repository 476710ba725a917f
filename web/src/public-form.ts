/**
 * What every public form shares, with no UI library, so both the light public pages
 * (web/src/public-entry) and the giving pages use it: phone numbers as people write them and
 * the Idempotency-Key a public form keeps until it goes through.
 */
import { newIdempotencyKey } from './api';

/** A phone number as people write one in China (mobile, landline, short service numbers). */
export const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{3,6})$/;
export const compactPhone = (phone: string) => phone.replace(/[\s()-]/g, '');

/** One Idempotency-Key per public form (`purpose`: report, offer), kept in this tab until the form goes through. */
export function formKey(incidentId: string, purpose = 'report'): { key: string; done: () => void } {
  const name = `corespond.${purpose}-key.${incidentId}`;
  let key: string | null = null;
  try {
    key = window.sessionStorage.getItem(name);
    if (!key) {
      key = newIdempotencyKey();
      window.sessionStorage.setItem(name, key);
    }
  } catch {
    key ??= newIdempotencyKey();
  }
  return {
    key,
    done: () => {
      try {
        window.sessionStorage.removeItem(name);
      } catch {
        // storage unavailable: nothing to forget
      }
    },
  };
}
