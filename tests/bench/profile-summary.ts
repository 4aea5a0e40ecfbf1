/**
 * Sums a V8 CPU profile (`--cpu-prof`, as bench:load's PROFILE writes) by
 * where the time went: self time per package (or our own folder) and the
 * functions that cost most.
 *
 *   node --import tsx tests/bench/profile-summary.ts DIR/file.cpuprofile
 */
import { readFile } from 'node:fs/promises';
import { table } from './figures';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('Usage: profile-summary.ts <file.cpuprofile>');
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);

/** A bundled file's sources are one URL: the function's name says more, with node's own parts by URL. */
function placeOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const inRepo = /\/(functions|shared|web|build\/lambda|build\/server|tests)\//.exec(url);
  return inRepo ? inRepo[1]! : url;
}

const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
const sum = (key: (node: ProfileNode) => string) => {
  const sums = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const node = byId.get(id)!;
    sums.set(key(node), (sums.get(key(node)) ?? 0) + time);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
};
const share = (time: number) => `${((100 * time) / total).toFixed(1)}%`;

console.log(`Self time, ${(total / 1000).toFixed(0)} ms sampled\n`);
console.log(
  table(
    ['where', 'self time'],
    sum((node) => placeOf(node.callFrame))
      .slice(0, 15)
      .map(([where, time]) => [where, share(time)]),
  ),
);
console.log('\n');
console.log(
  table(
    ['function', 'where', 'self time'],
    sum(
      ({ callFrame }) =>
        `${callFrame.functionName || '(anonymous)'}\u0000${placeOf(callFrame)}:${callFrame.lineNumber}`,
    )
      .slice(0, 25)
      .map(([key, time]) => [...key.split('\u0000'), share(time)] as [string, string, string])
      .map(([fn, where, time]) => [fn, where, time]),
  ),
);
