// `npm start`: build what is missing or stale, then serve. With no DATABASE_URL the server
// runs on an embedded PGlite database in ./data and seeds the demo city on first start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = join(root, 'dist/apps/api/apps/api/src/main.js');
const webEntry = join(root, 'dist/web/index.html');

function newestSource(directories) {
  let newest = 0;
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  directories
    .map((d) => join(root, d))
    .filter(existsSync)
    .forEach(walk);
  return newest;
}

function stale(output, sources) {
  return !existsSync(output) || statSync(output).mtimeMs < newestSource(sources);
}

function run(script) {
  const result = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// A person at a terminal reads lines and a start banner; `npm run start:prod` and production log JSON.
process.env.LOG_FORMAT ??= 'pretty';
if (stale(serverEntry, ['apps/api', 'libs'])) run('build:api');
if (stale(webEntry, ['apps/web', 'libs/contracts'])) run('build:web');
await import(serverEntry);
