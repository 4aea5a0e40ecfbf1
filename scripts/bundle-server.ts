/** Bundles the server Lambda into build/lambda/index.mjs, as the CDK stack does. */
import { build } from 'esbuild';
import { serverBundle } from '../infra/server-bundle';

const result = await build({
  entryPoints: [serverBundle.entry],
  outfile: 'build/lambda/index.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: serverBundle.target,
  minify: serverBundle.minify,
  sourcemap: serverBundle.sourceMap,
  banner: { js: serverBundle.banner },
  define: serverBundle.define,
  alias: serverBundle.alias,
  mainFields: [...serverBundle.mainFields],
  metafile: true,
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
process.stdout.write(`build/lambda/index.mjs: ${(bytes / 1024).toFixed(0)} KB\n`);
