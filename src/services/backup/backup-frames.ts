/**
 * The backup file's outer layer: a header, then the payload cut into frames of at most 1 MB.
 *
 *   "CRSPBAK1"  u32 header length  header (JSON)
 *   per frame:  u32 payload length  u8 flags (1 = last frame)  body
 *
 * Encrypted (CORESPOND_BACKUP_KEY set): the body is a fresh 12-byte nonce, the AES-256-GCM
 * ciphertext and its 16-byte tag; the key is derived from the passphrase by scrypt with the
 * salt in the header. Each frame's additional data is the header's SHA-256, the frame's index
 * and its flags, so frames cannot be reordered, dropped, moved between files, or the file cut
 * after a whole frame without the restore noticing. Unencrypted: the body is the payload and
 * a SHA-256 over the same additional data and the payload, which finds damage (not tampering).
 * A restore thus reads a file of any size with one frame in memory at a time.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { DialectName } from '../../db/database';
import { BackupError } from './backup-errors';
import { ByteReader } from './byte-reader';

const MAGIC = Buffer.from('CRSPBAK1', 'latin1');
export const FRAME_SIZE = 1024 * 1024;
const LAST = 1;
const NONCE = 12;
const TAG = 16;
const DIGEST = 32;
/** scrypt cost: about 0.1 s and 32 MB on a small server, once per backup or restore. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

export interface BackupEncryption {
  cipher: 'aes-256-gcm';
  kdf: 'scrypt';
  salt: string;
  N: number;
  r: number;
  p: number;
  /** Tells a wrong key from a damaged frame: a digest of key material never used to encrypt. */
  check: string;
}

export interface BackupHeader {
  format: 'corespond-backup';
  version: 1;
  createdAt: string;
  dialect: DialectName;
  frameSize: number;
  encryption: BackupEncryption | null;
}

function deriveKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase, salt, 64, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const keyCheck = (derived: Buffer) => createHash('sha256').update(derived.subarray(32)).digest('base64');

function additionalData(headerDigest: Buffer, index: number, flags: number): Buffer {
  const aad = Buffer.alloc(DIGEST + 9);
  headerDigest.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), DIGEST);
  aad.writeUInt8(flags, DIGEST + 8);
  return aad;
}

/** The payload cut into frames of FRAME_SIZE; the last (possibly empty) frame carries the last flag. */
async function* framesOf(payload: AsyncIterable<Buffer>): AsyncGenerator<{ data: Buffer; last: boolean }> {
  let parts: Buffer[] = [];
  let size = 0;
  let pending: Buffer | undefined;
  for await (const chunk of payload) {
    let rest = chunk;
    while (rest.length > 0) {
      const room = FRAME_SIZE - size;
      parts.push(rest.subarray(0, room));
      size += Math.min(room, rest.length);
      rest = rest.subarray(room);
      if (size === FRAME_SIZE) {
        if (pending) yield { data: pending, last: false };
        pending = Buffer.concat(parts, size);
        parts = [];
        size = 0;
      }
    }
  }
  if (pending && size === 0) {
    yield { data: pending, last: true };
    return;
  }
  if (pending) yield { data: pending, last: false };
  yield { data: Buffer.concat(parts, size), last: true };
}

/** The whole backup file as a stream: header, then the payload's frames, sealed when a passphrase is given. */
export async function* writeBackupFile(
  payload: AsyncIterable<Buffer>,
  about: { dialect: DialectName; createdAt: Date },
  passphrase: string | undefined,
): AsyncGenerator<Buffer> {
  let key: Buffer | undefined;
  let encryption: BackupEncryption | null = null;
  if (passphrase) {
    const salt = randomBytes(16);
    const derived = await deriveKey(passphrase, salt, SCRYPT);
    key = derived.subarray(0, 32);
    encryption = { cipher: 'aes-256-gcm', kdf: 'scrypt', salt: salt.toString('base64'), ...SCRYPT, check: keyCheck(derived) };
  }
  const header: BackupHeader = {
    format: 'corespond-backup',
    version: 1,
    createdAt: about.createdAt.toISOString(),
    dialect: about.dialect,
    frameSize: FRAME_SIZE,
    encryption,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  yield Buffer.concat([MAGIC, length, headerBytes]);
  const headerDigest = createHash('sha256').update(headerBytes).digest();
  let index = 0;
  for await (const frame of framesOf(payload)) {
    const flags = frame.last ? LAST : 0;
    const prefix = Buffer.alloc(5);
    prefix.writeUInt32BE(frame.data.length);
    prefix.writeUInt8(flags, 4);
    const aad = additionalData(headerDigest, index, flags);
    if (key) {
      const nonce = randomBytes(NONCE);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(frame.data), cipher.final()]);
      yield Buffer.concat([prefix, nonce, body, cipher.getAuthTag()]);
    } else {
      const digest = createHash('sha256').update(aad).update(frame.data).digest();
      yield Buffer.concat([prefix, frame.data, digest]);
    }
    index++;
  }
}

const damaged = (why: string) => new BackupError('damaged', `the backup file is damaged: ${why}`);

async function readHeader(reader: ByteReader): Promise<{ header: BackupHeader; bytes: Buffer }> {
  const magic = await reader.read(MAGIC.length);
  if (!magic.equals(MAGIC)) throw new BackupError('damaged', 'this is not a CoRespond backup file');
  const length = await reader.read(4);
  if (length.length < 4 || length.readUInt32BE() > 64 * 1024) throw damaged('its header is cut short');
  const bytes = await reader.read(length.readUInt32BE());
  let header: BackupHeader;
  try {
    header = JSON.parse(bytes.toString('utf8')) as BackupHeader;
  } catch {
    throw damaged('its header is not readable');
  }
  if (header.format !== 'corespond-backup' || header.version !== 1) {
    throw new BackupError('damaged', `this backup's format (${header.format} ${header.version}) is not one this version reads`);
  }
  if (!(header.frameSize > 0 && header.frameSize <= 16 * FRAME_SIZE)) throw damaged('its frame size is not valid');
  return { header, bytes };
}

/**
 * Opens a backup file's stream: checks the header and the key, and gives the payload, each
 * frame checked before any of its bytes is passed on. A frame that does not check, a missing
 * last frame or bytes after it throw `damaged`; a key that does not fit throws `wrong_key`.
 */
export async function readBackupFile(
  file: AsyncIterable<Buffer>,
  passphrase: string | undefined,
): Promise<{ header: BackupHeader; payload: AsyncGenerator<Buffer> }> {
  const reader = new ByteReader(file);
  const { header, bytes } = await readHeader(reader);
  let key: Buffer | undefined;
  if (header.encryption) {
    const enc = header.encryption;
    if (!passphrase) {
      throw new BackupError('wrong_key', 'the backup is encrypted: set CORESPOND_BACKUP_KEY to the key it was made with');
    }
    if (!(enc.N > 1 && enc.N <= 2 ** 20 && enc.r > 0 && enc.r <= 32 && enc.p > 0 && enc.p <= 16)) {
      throw damaged('its key derivation parameters are not valid');
    }
    const derived = await deriveKey(passphrase, Buffer.from(enc.salt, 'base64'), enc);
    const check = Buffer.from(keyCheck(derived), 'base64');
    const expected = Buffer.from(enc.check, 'base64');
    if (check.length !== expected.length || !timingSafeEqual(check, expected)) {
      throw new BackupError('wrong_key', 'CORESPOND_BACKUP_KEY is not the key this backup was made with');
    }
    key = derived.subarray(0, 32);
  }
  const headerDigest = createHash('sha256').update(bytes).digest();
  async function* payload(): AsyncGenerator<Buffer> {
    for (let index = 0; ; index++) {
      const prefix = await reader.read(5);
      if (prefix.length < 5) throw damaged(`it ends before its last frame (after ${index} frames)`);
      const length = prefix.readUInt32BE();
      const flags = prefix.readUInt8(4);
      if (length > header.frameSize || (flags & ~LAST) !== 0) throw damaged(`frame ${index} has a broken frame header`);
      const aad = additionalData(headerDigest, index, flags);
      const body = await reader.read(key ? NONCE + length + TAG : length + DIGEST);
      if (body.length < (key ? NONCE + length + TAG : length + DIGEST)) throw damaged(`frame ${index} is cut short`);
      let data: Buffer;
      if (key) {
        const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, NONCE));
        decipher.setAAD(aad);
        decipher.setAuthTag(body.subarray(NONCE + length));
        try {
          data = Buffer.concat([decipher.update(body.subarray(NONCE, NONCE + length)), decipher.final()]);
        } catch {
          throw damaged(`frame ${index} does not authenticate (changed, reordered or from another file)`);
        }
      } else {
        data = body.subarray(0, length);
        const digest = createHash('sha256').update(aad).update(data).digest();
        if (!digest.equals(body.subarray(length))) throw damaged(`frame ${index} does not match its checksum`);
      }
      if (data.length > 0) yield data;
      if (flags & LAST) {
        if (!(await reader.atEnd())) throw damaged('there are bytes after its last frame');
        return;
      }
    }
  }
  return { header, payload: payload() };
}
