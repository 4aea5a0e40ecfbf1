/**
 * Sums a V8 CPU profile (`--cpu-prof`, as bench:load's PROFILE writes) by
 * where the time went: self time per package (or our own folder) and the
 * functions that cost most.
 *
 *   node --import tsx tests/bench/profile-summary.ts DIR/file.cpuprofile
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';
import { table } from './figures';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
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

/**
 * A bundled file's frames are mapped back to their sources through the source
 * map beside it (the bundle keeps names and lines, not sources' text), so that
 * time is summed by package or by our own folder rather than by bundle.
 */
const maps = new Map<string, SourceMap | null>();
function sourceOf({ url, lineNumber, columnNumber }: ProfileNode['callFrame']): string {
  if (!url.startsWith('file://') || !url.endsWith('.mjs')) return url;
  const file = fileURLToPath(url);
  if (!maps.has(file)) {
    maps.set(
      file,
      existsSync(`${file}.map`)
        ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload)
        : null,
    );
  }
  const entry = maps.get(file)?.findEntry(lineNumber, columnNumber);
  return entry && 'originalSource' in entry ? entry.originalSource : url;
}

function placeOf(callFrame: ProfileNode['callFrame']): string {
  const { functionName } = callFrame;
  if (!callFrame.url) return functionName.startsWith('(') ? functionName : '(native)';
  if (callFrame.url.startsWith('node:')) return callFrame.url;
  const url = sourceOf(callFrame);
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const inRepo = /(?:^|\/)((?:functions|shared|web|tests)\/[^/]+|build\/lambda|build\/server)/.exec(
    url,
  );
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
