/**
 * The backup's payload: a sequence of entries, each a length-prefixed JSON description and
 * then exactly `size` bytes — first the database (a SQLite file made by the online backup
 * API, or a `pg_dump -Fc` archive), then every file of the data directory (evidence photos,
 * the audit key), and an end entry counting them, so a payload cut between entries is found.
 */
import { createReadStream } from 'node:fs';
import { BackupError } from './backup-errors';
import { ByteReader } from './byte-reader';

export type ArchiveEntry =
  | { kind: 'database'; format: 'sqlite' | 'pg_dump'; size: number }
  | { kind: 'file'; path: string; size: number; mode: number }
  | { kind: 'end'; entries: number };

export interface ArchiveSource {
  entry: Exclude<ArchiveEntry, { kind: 'end' }>;
  /** The file whose first `entry.size` bytes are the entry's body. */
  file: string;
}

function describe(entry: ArchiveEntry): Buffer {
  const json = Buffer.from(JSON.stringify(entry), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json]);
}

/** The payload of the given entries, read from their files as it is written. */
export async function* writeArchive(sources: AsyncIterable<ArchiveSource> | Iterable<ArchiveSource>): AsyncGenerator<Buffer> {
  let entries = 0;
  for await (const { entry, file } of sources) {
    yield describe(entry);
    let written = 0;
    if (entry.size > 0) {
      for await (const chunk of createReadStream(file, { start: 0, end: entry.size - 1, highWaterMark: 256 * 1024 })) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    if (written !== entry.size) throw new Error(`${file} shrank while it was being backed up`);
    entries++;
  }
  yield describe({ kind: 'end', entries });
}

const damaged = (why: string) => new BackupError('damaged', `the backup file is damaged: ${why}`);

/**
 * The entries of a payload, each with its body; a body must be read to its end (or left
 * unread: it is skipped) before the next entry is asked for.
 */
export async function* readArchive(
  payload: AsyncIterable<Buffer>,
): AsyncGenerator<{ entry: Exclude<ArchiveEntry, { kind: 'end' }>; body: AsyncGenerator<Buffer> }> {
  const reader = new ByteReader(payload);
  let count = 0;
  for (;;) {
    const length = await reader.read(4);
    if (length.length < 4) throw damaged('its contents end without their end mark');
    const json = await reader.read(length.readUInt32BE());
    let entry: ArchiveEntry;
    try {
      entry = JSON.parse(json.toString('utf8')) as ArchiveEntry;
    } catch {
      throw damaged(`entry ${count + 1} is not readable`);
    }
    if (entry.kind === 'end') {
      if (entry.entries !== count) throw damaged(`it holds ${count} entries where its end mark counts ${entry.entries}`);
      if (!(await reader.atEnd())) throw damaged('there is data after its end mark');
      return;
    }
    if (!Number.isSafeInteger(entry.size) || entry.size < 0) throw damaged(`entry ${count + 1} has no valid size`);
    let left = entry.size;
    async function* body(): AsyncGenerator<Buffer> {
      while (left > 0) {
        const chunk = await reader.readSome(Math.min(left, 256 * 1024));
        if (chunk.length === 0) throw damaged('an entry is cut short');
        left -= chunk.length;
        yield chunk;
      }
    }
    const current = body();
    yield { entry, body: current };
    // Whatever the consumer left unread is skipped.
    for await (const _ of current) {
    }
    if (left > 0) throw damaged('an entry is cut short');
    count++;
  }
}
