/** The backup file's frames on their own: round trip at frame edges, every kind of damage, and the PostgreSQL tools' look-up. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BackupError } from '../../src/services/backup/backup-errors';
import { FRAME_SIZE, readBackupFile, writeBackupFile } from '../../src/services/backup/backup-frames';
import { findPgTool } from '../../src/services/backup/database-dump';

const about = { dialect: 'sqlite' as const, createdAt: new Date('2026-12-06T00:00:00Z') };

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

async function write(payload: Buffer, passphrase?: string): Promise<Buffer> {
  // Offered in uneven pieces, as files are read.
  const pieces = [];
  for (let i = 0; i < payload.length; i += 77_777) pieces.push(payload.subarray(i, i + 77_777));
  return collect(writeBackupFile(Readable.from(pieces), about, passphrase));
}

async function read(file: Buffer, passphrase?: string): Promise<Buffer> {
  const { payload } = await readBackupFile(Readable.from([file]), passphrase);
  return collect(payload);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return error instanceof BackupError ? error.failure : String(error);
  }
}

describe('backup frames', () => {
  it('round-trip payloads of 0, 1, exactly one frame and several frames, encrypted and not', async () => {
    for (const size of [0, 1, FRAME_SIZE, 2 * FRAME_SIZE + 5]) {
      const payload = Buffer.alloc(size);
      for (let i = 0; i < size; i++) payload[i] = (i * 31) % 251;
      expect((await read(await write(payload, 'a good passphrase'), 'a good passphrase')).equals(payload)).toBe(true);
      expect((await read(await write(payload))).equals(payload)).toBe(true);
    }
  });

  it('find a dropped, a swapped and a duplicated frame, and a frame from another backup', async () => {
    // Four frames, the last a short one.
    const payload = Buffer.alloc(3 * FRAME_SIZE + 10, 9);
    const key = 'a good passphrase';
    const file = await write(payload, key);
    const other = await write(payload, key);
    const headerEnd = 12 + file.readUInt32BE(8);
    const frame = 5 + 12 + FRAME_SIZE + 16;
    const frames = [0, 1, 2, 3].map((i) =>
      file.subarray(headerEnd + i * frame, Math.min(file.length, headerEnd + (i + 1) * frame)),
    );
    const head = file.subarray(0, headerEnd);
    expect(await failure(read(Buffer.concat([head, frames[0], frames[2], frames[3]]), key))).toBe('damaged');
    expect(await failure(read(Buffer.concat([head, frames[1], frames[0], frames[2], frames[3]]), key))).toBe('damaged');
    expect(await failure(read(Buffer.concat([head, frames[0], frames[0], frames[1], frames[2], frames[3]]), key))).toBe(
      'damaged',
    );
    expect(await failure(read(Buffer.concat([head, frames[0], frames[1], frames[2]]), key))).toBe('damaged');
    const foreign = other.subarray(headerEnd + frame, headerEnd + 2 * frame);
    expect(await failure(read(Buffer.concat([head, frames[0], foreign, frames[2], frames[3]]), key))).toBe('damaged');
    expect(await failure(read(Buffer.concat([file, Buffer.from('x')]), key))).toBe('damaged');
    expect(await failure(read(file, 'another passphrase'))).toBe('wrong_key');
    expect(await failure(read(file))).toBe('wrong_key');
    expect(await failure(read(file, key))).toBe('none');
  });

  it('name the missing pg_dump with what to do', () => {
    let error: unknown;
    try {
      findPgTool('pg_dump', { CORESPOND_PG_BIN_DIR: '/nonexistent/bin' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).exitCode).toBe(5);
    expect((error as BackupError).message).toMatch(/pg_dump was not found .* install the PostgreSQL client programs/);
  });
});
