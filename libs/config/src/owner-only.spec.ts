import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config';
import { tightenDataDir } from './owner-only';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('owner-only secrets in DATA_DIR', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'balai-owner-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('creates DATA_DIR 0700 and the generated JWT secret 0600, even under a permissive umask', () => {
    const dataDir = join(parent, 'nested', 'data');
    const umask = process.umask(0o000);
    try {
      loadConfig({ DATA_DIR: dataDir });
    } finally {
      process.umask(umask);
    }
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'jwt-secret'))).toBe(0o600);
    expect(tightenDataDir(dataDir)).toEqual([]);
  });

  it('tightens a DATA_DIR, a JWT secret and a pglite directory that others could read, and says so', () => {
    const dataDir = join(parent, 'data');
    mkdirSync(join(dataDir, 'pglite'), { recursive: true });
    writeFileSync(join(dataDir, 'jwt-secret'), 'x'.repeat(48));
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'pglite'), 0o755);
    chmodSync(join(dataDir, 'jwt-secret'), 0o644);

    const changes = tightenDataDir(dataDir);
    expect(changes).toEqual([
      `${dataDir} was readable by others (0755): now 0700`,
      `${join(dataDir, 'jwt-secret')} was readable by others (0644): now 0600`,
      `${join(dataDir, 'pglite')} was readable by others (0755): now 0700`,
    ]);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'jwt-secret'))).toBe(0o600);
    expect(modeOf(join(dataDir, 'pglite'))).toBe(0o700);
    expect(loadConfig({ DATA_DIR: dataDir }).jwt.secret).toBe('x'.repeat(48));
    expect(tightenDataDir(dataDir)).toEqual([]);
    chmodSync(join(dataDir, 'pglite'), 0o750); // what PGlite's initdb sets: nothing for others
    expect(tightenDataDir(dataDir)).toEqual([]);
  });

  it('leaves a missing DATA_DIR alone', () => {
    expect(tightenDataDir(join(parent, 'absent'))).toEqual([]);
  });
});
