/**
 * `npm run bench:cold`: the cold start of the production bundle beside a bare
 * baseline built and measured in the same run (bare Hono + zod + the DynamoDB
 * client doing one GetItem, bundled the same way). Fresh Node processes,
 * alternating project and baseline, against DynamoDB Local: import + first
 * response per request kind. Then the bundle's bytes and what dominates them.
 * It prints figures; it fails only when it cannot run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startDynamoLocal } from '#functions/dev/dynamodb-local';
import { createDynamoClients } from '#functions/store/db';
import { ensureTable } from '#functions/store/setup';
import { buildBaseline } from './baseline';
import { benchTable, median, range, ratio, table } from './figures';
import { benchNode, describeBenchNode } from './lambda-node';

const ROUNDS = Number(process.env['ROUNDS'] ?? 11);
const TABLE_NAME = 'bench-cold';
const project = path.resolve('build/lambda/index.mjs');
const node = benchNode();

interface Request {
  name: string;
  method: string;
  path: string;
  body?: string;
}

const requests: Request[] = [
  { name: '/api/health', method: 'GET', path: '/api/health' },
  { name: 'a page (/signin)', method: 'GET', path: '/signin' },
  {
    name: 'an API read (POST /api/patient/link)',
    method: 'POST',
    path: '/api/patient/link',
    body: JSON.stringify({ token: 'b'.repeat(43) }),
  },
];

/** One fresh process: import the handler, answer one API Gateway event. */
const probe = `
const [file, method, rawPath, body] = process.argv.slice(1);
const started = performance.now();
const { handler } = await import(file);
const imported = performance.now();
const result = await handler({
  version: '2.0', routeKey: '$default', rawPath, rawQueryString: '',
  headers: { host: 'example.org', 'user-agent': 'bench', ...(body ? { 'content-type': 'application/json' } : {}) },
  requestContext: { http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench', routeKey: '$default', stage: '$default', timeEpoch: Date.now() },
  ...(body ? { body } : {}),
  isBase64Encoded: false,
}, {});
if (result.statusCode >= 500) throw new Error('status ' + result.statusCode);
console.log(JSON.stringify({ ms: performance.now() - started, importMs: imported - started }));
`;

function coldStart(file: string, request: Request, env: NodeJS.ProcessEnv) {
  const output = execFileSync(
    node.path,
    [
      '--input-type=module',
      '-e',
      probe,
      file,
      request.method,
      request.path,
      ...(request.body ? [request.body] : []),
    ],
    { env, encoding: 'utf8' },
  );
  return JSON.parse(output) as { ms: number; importMs: number };
}

const dynamo = await startDynamoLocal();
try {
  const { client } = createDynamoClients({ endpoint: dynamo.endpoint });
  await benchTable(() => ensureTable(client, TABLE_NAME));
  client.destroy();
  const baseline = await buildBaseline();
  const env = {
    ...process.env,
    TABLE_NAME,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    PUBLIC_ORIGIN: 'https://example.org',
    OIDC_ISSUER: 'https://issuer.example.org',
    OIDC_CLIENT_ID: 'bench',
    AWS_REGION: 'eu-west-2',
    LOG_LEVEL: 'error',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const deployed = { ...env, NODE_OPTIONS: '--enable-source-maps' };

  const rows: string[][] = [];
  const measure = (name: string, request: Request, projectEnv: NodeJS.ProcessEnv) => {
    const ours: ReturnType<typeof coldStart>[] = [];
    const bare: ReturnType<typeof coldStart>[] = [];
    // Alternating, so that whatever else the machine does falls on both alike.
    for (let round = 0; round < ROUNDS; round += 1) {
      ours.push(coldStart(project, request, projectEnv));
      bare.push(coldStart(baseline, request, env));
    }
    const total = (runs: typeof ours) => runs.map((run) => run.ms);
    // Where the difference is: loading the code, or answering the first request.
    const phases = (runs: typeof ours) => {
      const imported = median(runs.map((run) => run.importMs));
      return `${imported.toFixed(0)} + ${(median(total(runs)) - imported).toFixed(0)} ms`;
    };
    rows.push([
      name,
      range(total(ours)),
      range(total(bare)),
      ratio(median(total(ours)), median(total(bare))),
      phases(ours),
      phases(bare),
    ]);
  };
  for (const request of requests) measure(request.name, request, env);
  measure('/api/health, as deployed (source maps on)', requests[0]!, deployed);

  console.log(
    `Cold start: import + first response, median (min–max) of ${ROUNDS} fresh processes each, ${describeBenchNode(node)}\n`,
  );
  console.log(
    table(
      [
        'request',
        'Decide Together',
        'bare Hono + GetItem',
        'ratio',
        'ours: import + first response',
        'bare: import + first response',
      ],
      rows,
    ),
  );

  const bytes = (file: string) => readFileSync(file);
  const sizes = (file: string) => {
    const content = bytes(file);
    return [
      `${(content.length / 1024).toFixed(0)} KB`,
      `${(gzipSync(content).length / 1024).toFixed(0)} KB`,
    ];
  };
  console.log('\nBundles (what a cold start of the API reads first)\n');
  console.log(
    table(
      ['file', 'raw', 'gzip'],
      [
        ['Decide Together: index.mjs (API entry)', ...sizes(project)],
        ['baseline: handler.mjs', ...sizes(baseline)],
      ],
    ),
  );

  // esbuild's metafile: which packages make up the API entry and its static imports.
  const meta = JSON.parse(readFileSync('build/lambda-meta.json', 'utf8')) as {
    outputs: Record<
      string,
      {
        imports: { path: string; kind: string }[];
        inputs: Record<string, { bytesInOutput: number }>;
      }
    >;
  };
  const eager = new Set<string>();
  const visit = (file: string) => {
    if (eager.has(file) || !meta.outputs[file]) return;
    eager.add(file);
    for (const imported of meta.outputs[file]!.imports)
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit('build/lambda/index.mjs');
  const byPackage = new Map<string, number>();
  for (const file of eager) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.outputs[file]!.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
        input.split('/').slice(0, 2).join('/');
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log('\nWhat the API entry loads at a cold start, by package (minified bytes)\n');
  console.log(
    table(
      ['package', 'bytes'],
      top.map(([name, size]) => [name, `${(size / 1024).toFixed(0)} KB`]),
    ),
  );
} finally {
  await dynamo.stop();
}
