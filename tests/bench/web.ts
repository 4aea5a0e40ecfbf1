/**
 * `npm run bench:web`: what the pages cost in the browser, beside a bare Remix
 * v2 page built in the same run (bare-remix.ts).
 *
 * 1. Client JavaScript per page, gzip: the entry, the route manifest and every
 *    route module of the page with its static imports, as Remix's manifest
 *    (made from Vite's) lists them for the browser to load; each file once.
 * 2. Lighthouse, mobile (its default: a mid-range phone, simulated slow 4G),
 *    median of ROUNDS (3) alternating runs, on patient step 2, the editor and
 *    the consult view, against the production bundle served through the Node
 *    adapter (lambda-server.ts, with CloudFront's part: assets and gzip) on
 *    DynamoDB Local, signed in with session cookies as sign-in makes them;
 *    the bare page served by the same adapter.
 *
 * It prints figures; it fails only when it cannot run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ServerBuild } from '@remix-run/server-runtime';
import lighthouse from 'lighthouse';
import { chromium, type Browser } from 'playwright-core';
import { freePort, startDynamoLocal } from '#functions/dev/dynamodb-local';
import { DEMO_AID_ID } from '#functions/dev/seed';
import { chromiumFlags } from '#tests/support/chromium';
import { buildBareRemix } from './bare-remix';
import { benchServerEnv, seededBenchStore } from './bench-store';
import { median, range, ratio, table } from './figures';
import { benchNode, describeBenchNode } from './lambda-node';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const TABLE_NAME = 'bench-web';

const loadBuild = async (file: string) =>
  (await import(pathToFileURL(path.resolve(file)).href)) as ServerBuild;

/** The JavaScript a page's first load fetches: gzip bytes, each file once. */
function pageJs(build: ServerBuild, clientDir: string, routeId: string): number {
  const { assets } = build;
  const files = new Set<string>([assets.url, assets.entry.module, ...assets.entry.imports]);
  for (let id: string | undefined = routeId; id; id = assets.routes[id]?.parentId) {
    const route = assets.routes[id];
    if (!route) throw new Error(`No route ${id} in the manifest`);
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(path.join(clientDir, file))).length;
  return bytes;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** "95 (93–97)". */
const scores = (values: number[]) =>
  `${median(values)} (${Math.min(...values)}–${Math.max(...values)})`;

const node = benchNode();

async function serve(file: string, assets: string, env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const child = spawn(
    node.path,
    ['--import', 'tsx', path.resolve('tests/bench/lambda-server.ts'), file, String(port), assets],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  if (!chunk.toString().includes('ready')) throw new Error(`${file} did not start`);
  return { url: `http://localhost:${port}`, child };
}

// 1. Client JavaScript.
const bareDir = buildBareRemix();
const bareBuild = await loadBuild(path.join(bareDir, 'build/server/index.js'));
const bareJs = pageJs(bareBuild, path.join(bareDir, 'build/client'), 'routes/_index');
const build = await loadBuild('build/server/index.js');
const steps = ['decision', 'options', 'values', 'leaning', 'sure', 'questions', 'summary'];
const pages: [string, string][] = [
  ...steps.map((step, i): [string, string] => [
    `patient step ${i + 1} (/patient/${step})`,
    `routes/patient.${step}`,
  ]),
  ['the editor (/aids/{id})', 'routes/_clinic.aids.$aidId._index'],
  ['the consult view (/records/{id})', 'routes/_clinic.records.$recordId'],
  ['shown to the patient (/records/{id}/together)', 'routes/records.$recordId.together'],
];
console.log(
  'Client JavaScript of a first load, gzip (entry, route manifest, route modules and their imports)\n',
);
console.log(
  table(
    ['page', 'Decide Together', 'bare Remix v2 page', 'ratio'],
    pages.map(([name, id]) => {
      const bytes = pageJs(build, 'build/client', id);
      return [name, kb(bytes), kb(bareJs), ratio(bytes, bareJs)];
    }),
  ),
);

// 2. Lighthouse.
const dynamo = await startDynamoLocal();
const children: ChildProcess[] = [];
let chrome: Browser | undefined;
try {
  const bench = await seededBenchStore(dynamo.endpoint, TABLE_NAME);
  const day = new Date(Date.now() + 86_400_000);
  // Sessions as signing in and opening a link make them, written to the table.
  const clinician = await bench.clinicianSession(day);
  const { record, session: patient } = await bench.patient('Appt 1', day);

  const env = benchServerEnv(dynamo.endpoint, TABLE_NAME);
  // The public origin matters only to forms and links; these pages are only read.
  const project = await serve(
    path.resolve('build/lambda/index.mjs'),
    path.resolve('build/client'),
    {
      ...env,
      PUBLIC_ORIGIN: 'http://localhost',
    },
  );
  children.push(project.child);
  const bare = await serve(
    path.join(bareDir, 'build/server/index.js'),
    path.join(bareDir, 'build/client'),
    env,
  );
  children.push(bare.child);

  // Debian's Chromium, driven by Lighthouse over the DevTools port.
  const debuggingPort = await freePort();
  chrome = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [`--remote-debugging-port=${debuggingPort}`, ...chromiumFlags],
  });
  const audit = async (url: string, cookie?: string) => {
    const result = await lighthouse(url, {
      port: debuggingPort,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    const lhr = result!.lhr;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    // The page itself, signed in: not a sign-in redirect or an error page.
    const requests = lhr.audits['network-requests']?.details as
      { items: { url: string; statusCode: number }[] } | undefined;
    const document = requests?.items.find((item) => item.url === url);
    if (document?.statusCode !== 200)
      throw new Error(`${url} answered ${document?.statusCode ?? 'nothing'}`);
    return {
      score: Math.round((lhr.categories['performance']?.score ?? 0) * 100),
      tbt: lhr.audits['total-blocking-time']?.numericValue ?? 0,
      lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? 0,
    };
  };
  const audited: [string, string, string][] = [
    ['patient step 2 (/patient/options)', '/patient/options', `dt_patient=${patient.id}`],
    ['the editor (/aids/{id})', `/aids/${DEMO_AID_ID}`, `dt_session=${clinician.id}`],
    ['the consult view (/records/{id})', `/records/${record.id}`, `dt_session=${clinician.id}`],
  ];
  /** On this shared machine a run now and then fails to load the page: it is run again, and said. */
  const auditAgain = async (url: string, cookie?: string) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await audit(url, cookie);
      } catch (error) {
        if (attempt >= 3) throw error;
        console.warn(`Run again: ${(error as Error).message.slice(0, 200)}`);
      }
    }
  };
  const rows: string[][] = [];
  for (const [name, pathname, cookie] of audited) {
    const ours: Awaited<ReturnType<typeof audit>>[] = [];
    const base: Awaited<ReturnType<typeof audit>>[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      ours.push(await auditAgain(`${project.url}${pathname}`, cookie));
      base.push(await auditAgain(`${bare.url}/`));
    }
    rows.push([
      name,
      scores(ours.map((r) => r.score)),
      scores(base.map((r) => r.score)),
      range(ours.map((r) => r.tbt)),
      range(base.map((r) => r.tbt)),
      range(ours.map((r) => r.lcp)),
      range(base.map((r) => r.lcp)),
    ]);
  }
  console.log(
    `\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile, performance score, median (min–max) of ${ROUNDS} alternating runs, both servers on ${describeBenchNode(node)}\n`,
  );
  console.log(
    table(
      [
        'page',
        'Decide Together',
        'bare Remix page',
        'total blocking time',
        'bare TBT',
        'largest contentful paint',
        'bare LCP',
      ],
      rows,
    ),
  );
  bench.client.destroy();
} finally {
  await chrome?.close();
  for (const child of children) child.kill();
  await dynamo.stop();
}
