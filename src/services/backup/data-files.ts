/** The files of the data directory that a backup carries: all but the SQLite database's own and the backups. */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** The SQLite database and its journals, copied by the online backup API instead. */
export const DATABASE_FILES = ['corespond.db', 'corespond.db-wal', 'corespond.db-shm', 'corespond.db-journal'];

/** Work files of backups and restores in progress (left behind only by a crash). */
export const WORK_PREFIX = '.corespond-backup-';

export interface DataFile {
  /** Relative to the data directory, with forward slashes. */
  path: string;
  absolute: string;
  size: number;
  mode: number;
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

/** Every regular file under `dataDir`, except the database's and those under `exclude` (absolute paths). */
export async function listDataFiles(dataDir: string, exclude: string[] = []): Promise<DataFile[]> {
  const root = resolve(dataDir);
  const skip = exclude.map((e) => resolve(e));
  const found: DataFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const absolute = join(dir, entry.name);
      if (skip.some((s) => inside(absolute, s)) || entry.name.startsWith(WORK_PREFIX)) continue;
      if (dir === root && DATABASE_FILES.includes(entry.name)) continue;
      if (entry.isDirectory()) {
        await walk(absolute);
      } else if (entry.isFile()) {
        const info = await stat(absolute);
        found.push({ path: relative(root, absolute).split(sep).join('/'), absolute, size: info.size, mode: info.mode & 0o777 });
      }
    }
  };
  await walk(root);
  return found;
}
