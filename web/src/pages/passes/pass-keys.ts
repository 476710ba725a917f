/**
 * The public keys a checkpoint keeps: fetched whenever the page is online, kept in the
 * browser's storage, so that passes verify on the device after the network drops.
 */
import { passApi } from '../../api';
import type { Jwks } from '../../types';

const STORAGE_KEY = 'corespond.passKeys';

export interface KeptKeys {
  jwks: Jwks;
  fetchedAt: string;
}

export function keptKeys(): KeptKeys | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const kept = JSON.parse(raw) as KeptKeys;
    return Array.isArray(kept?.jwks?.keys) ? kept : null;
  } catch {
    return null;
  }
}

/** Fetches the keys and keeps them; without a network, the ones kept before (or the failure when there are none). */
export async function refreshKeys(): Promise<{ kept: KeptKeys; fresh: boolean }> {
  try {
    const kept: KeptKeys = { jwks: await passApi.jwks(), fetchedAt: new Date().toISOString() };
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
    } catch {
      // Storage full or disabled (private mode): the keys still serve while the page is open.
    }
    return { kept, fresh: true };
  } catch (failure) {
    const kept = keptKeys();
    if (kept) return { kept, fresh: false };
    throw failure;
  }
}
