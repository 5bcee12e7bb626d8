import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The files `npm start` keeps its secrets in, inside DATA_DIR: the JWT signing secret and PGlite's data. */
export const JWT_SECRET_FILE = 'jwt-secret';
export const PGLITE_DIRECTORY = 'pglite';

const GROUP_OR_OTHER = 0o077;

/** Creates a directory readable by its owner only (0700); an existing one keeps its mode (see `tightenDataDir`). */
export function ownerOnlyDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

/** Takes group and other permissions off `path` when it has any; says what it changed, or undefined. */
function tighten(path: string, mode: number, closed = GROUP_OR_OTHER): string | undefined {
  if (!existsSync(path)) return undefined;
  const before = statSync(path).mode & 0o777;
  if ((before & closed) === 0) return undefined;
  chmodSync(path, mode);
  return `${path} was readable by others (${before.toString(8).padStart(4, '0')}): now ${mode.toString(8).padStart(4, '0')}`;
}

/**
 * Owner-only permissions on an embedded DATA_DIR made by an older Balai, a copy or a restore: the
 * directory 0700, the JWT secret 0600, PGlite's directory closed to others (0700; initdb itself
 * makes it 0750, which is left alone). Returns a line per change, for the log. Files inside the
 * pglite directory keep PGlite's modes: nobody else can reach them.
 */
export function tightenDataDir(dataDir: string): string[] {
  return [
    tighten(dataDir, 0o700),
    tighten(join(dataDir, JWT_SECRET_FILE), 0o600),
    tighten(join(dataDir, PGLITE_DIRECTORY), 0o700, 0o007),
  ].filter((change): change is string => change !== undefined);
}
