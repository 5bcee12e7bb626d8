/**
 * Where a Balai process spent its CPU during a storm: reads a V8 .cpuprofile (from `--cpu-prof=DIR`)
 * and prints self time by package and by function, optionally only between two CLOCK_MONOTONIC
 * microsecond marks (the `windowUs` of a storm in /tmp/balai-bench-live.json).
 *   node -r @swc-node/register test/bench/live/profile-top.ts FILE.cpuprofile [fromUs toUs]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, from, to] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const fromUs = from ? Number(from) : -Infinity;
const toUs = to ? Number(to) : Infinity;
const selfUs = new Map<number, number>();
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  if (t >= fromUs && t <= toUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  total += us;
  const url = node.callFrame.url;
  const pkg = url.includes('node_modules/')
    ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
    : url.startsWith('node:')
      ? `node:${url.slice(5).split('/')[0]}`
      : /\/(libs|apps|test)\//.test(url)
        ? url.replace(/.*\/((libs|apps|test)\/[^/]+).*/, '$1')
        : node.callFrame.functionName || '(native)';
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*\/(libs|apps|test)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n');
process.stdout.write(
  `sampled ${(total / 1000).toFixed(0)} ms\n\nby package\n${top(byPackage, 20)}\n\nby function (self)\n${top(byFunction, 30)}\n`,
);
