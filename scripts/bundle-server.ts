/**
 * Bundles the server Lambda into build/lambda/, the folder the CDK stack
 * deploys as it is and the Lambda test invokes:
 * - index.mjs: the handler (API and pages);
 * - record-pdf.mjs: the PDF renderer, loaded only by the export routes (ADR 12);
 * - cognito-directory.mjs: members' Cognito accounts, loaded only by changes to the members (ADR 17);
 * - fonts/: the fonts it embeds.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { pdfFontFiles } from '#functions/exports/pdf-loader';

/**
 * hono-openapi's JSON Schema converter imports zod's core whole, with a dynamic
 * `import('zod/v4/core')`: a namespace esbuild must keep entire, 40 locales
 * and all (about 300 KB), in the chunk every cold start reads first. It uses
 * only `toJSONSchema`, so that import is pointed at a module exporting only that.
 */
const onlyZodJsonSchema: Plugin = {
  name: 'only-zod-json-schema',
  setup(bundle) {
    bundle.onResolve({ filter: /^zod\/v4\/core$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer.includes('@standard-community/standard-json')
        ? { path: path.resolve('scripts/bundle/zod-json-schema.ts') }
        : undefined,
    );
  },
};

const outdir = 'build/lambda';
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  entryPoints: {
    index: 'functions/entries/lambda.ts',
    'record-pdf': 'functions/exports/record-pdf.ts',
    'cognito-directory': 'functions/auth/cognito-directory.ts',
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // What only some requests need (the pages: React and the Remix build) goes in chunks
  // loaded when first needed; code shared by several entries is in one chunk, once.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  // The Lambda runtime: nodejs24.x.
  target: 'node24',
  minify: true,
  sourcemap: true,
  // Maps to file and line without the sources inside: a third less to read at a cold start.
  sourcesContent: false,
  // ESM bundles need `require` for CommonJS dependencies that load Node built-ins.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  // React's production build, a third of the size of its development build.
  define: { 'process.env.NODE_ENV': '"production"' },
  // The Remix server build made by `remix vite:build`.
  alias: { 'virtual:remix/server-build': './build/server/index.js' },
  mainFields: ['module', 'main'],
  // The pinned AWS SDK is bundled, not the runtime's (ADR 5): nothing is external.
  metafile: true,
  plugins: [onlyZodJsonSchema],
  logLevel: 'warning',
});

const fontDir = path.dirname(
  createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${pdfFontFiles.regular}`),
);
mkdirSync(path.join(outdir, 'fonts'));
for (const file of Object.values(pdfFontFiles)) {
  copyFileSync(path.join(fontDir, file), path.join(outdir, 'fonts', file));
}
// The fonts' licence asks for its notice to travel with every copy.
copyFileSync(path.join(fontDir, '..', 'LICENSE'), path.join(outdir, 'fonts', 'LICENSE'));

// What each output is made of, for `npm run bench:cold`; beside the bundle, not deployed.
writeFileSync('build/lambda-meta.json', JSON.stringify(result.metafile));

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (output.entryPoint) process.stdout.write(`${file}: ${(output.bytes / 1024).toFixed(0)} KB\n`);
}
