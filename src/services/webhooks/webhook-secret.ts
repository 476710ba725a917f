/**
 * A webhook's signing secret (`whsec_` + base64 of 24 random bytes, as Standard Webhooks
 * writes it): shown to its owner once, kept encrypted (AES-256-GCM) with a key derived from
 * the server's secret, as the pass signing keys are, under a label of its own.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const keys = new WeakMap<Buffer, Buffer>();

function sealingKey(secret: Buffer): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'corespond webhook secrets', 32));
    keys.set(secret, key);
  }
  return key;
}

/** A new `whsec_` secret. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function sealWebhookSecret(serverSecret: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(serverSecret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openWebhookSecret(serverSecret: Buffer, sealed: string, webhookId: string): string {
  const raw = Buffer.from(sealed, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(serverSecret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`the secret of webhook ${webhookId} cannot be opened: every node needs the same CORESPOND_SECRET`);
  }
}
