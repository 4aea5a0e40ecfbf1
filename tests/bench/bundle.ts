/**
 * Bundle figures: server bundle size and client JavaScript per page. Run with
 * `npm run bench:bundle`; it prints, it does not judge. Cold starts are
 * `npm run bench:cold`.
 */
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
