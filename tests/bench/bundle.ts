/**
 * Bundle figures: server bundle size, client JavaScript per page, and the cold
 * start of the bundled Lambda (import + first rendered page), each in a fresh
 * Node process. Run with `npm run bench:bundle`; it prints, it does not judge.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = (file: string) => {
  const content = readFileSync(file);
  return `${kb(content.length)} (${kb(gzipSync(content).length)} gzip)`;
};

const server = 'build/lambda/index.mjs';
console.log(`server bundle          ${sizes(server)}`);

const assets = 'build/client/assets';
const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
const total = js.reduce((sum, f) => sum + statSync(path.join(assets, f)).size, 0);
const totalGzip = js.reduce(
  (sum, f) => sum + gzipSync(readFileSync(path.join(assets, f))).length,
  0,
);
console.log(`client JS, all routes  ${kb(total)} (${kb(totalGzip)} gzip) in ${js.length} files`);
for (const f of js.filter((f) => /^(components|entry\.client|root)-/.test(f))) {
  console.log(`  ${f.padEnd(32)} ${sizes(path.join(assets, f))}`);
}

// A fresh process per sample, as a cold Lambda: import the bundle, render /signin.
const probe = `
const started = performance.now();
const { handler } = await import(${JSON.stringify(path.resolve(server))});
const imported = performance.now();
const result = await handler({
  version: '2.0', routeKey: '$default', rawPath: '/signin', rawQueryString: '',
  headers: { host: 'example.org', 'user-agent': 'bench' },
  requestContext: { http: { method: 'GET', path: '/signin', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench', routeKey: '$default', stage: '$default', timeEpoch: Date.now() },
  isBase64Encoded: false,
}, {});
if (result.statusCode !== 200) throw new Error('status ' + result.statusCode);
console.log(JSON.stringify({ importMs: imported - started, firstResponseMs: performance.now() - imported, rssMb: process.memoryUsage().rss / 1048576 }));
`;
const env = {
  ...process.env,
  TABLE_NAME: 'bench',
  PUBLIC_ORIGIN: 'https://example.org',
  OIDC_ISSUER: 'https://issuer.example.org',
  OIDC_CLIENT_ID: 'bench',
  AWS_REGION: 'eu-west-2',
  LOG_LEVEL: 'error',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const samples = Array.from(
  { length: 7 },
  () =>
    JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
        env,
        encoding: 'utf8',
      }),
    ) as {
      importMs: number;
      firstResponseMs: number;
      rssMb: number;
    },
);
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`cold start, median of ${samples.length} fresh processes (Node ${process.version}):`);
console.log(`  import bundle          ${median(samples.map((s) => s.importMs)).toFixed(0)} ms`);
console.log(
  `  first page (/signin)   ${median(samples.map((s) => s.firstResponseMs)).toFixed(0)} ms`,
);
console.log(`  memory after           ${median(samples.map((s) => s.rssMb)).toFixed(0)} MB RSS`);
