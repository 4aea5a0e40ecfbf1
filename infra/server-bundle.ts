/**
 * How the server Lambda is bundled. `npm run build` (for the bundle test) and
 * the CDK stack's NodejsFunction both read this, so they ship the same bundle.
 */
export const serverBundle = {
  entry: 'functions/lambda.ts',
  /** Matches the Lambda runtime (nodejs24.x). */
  target: 'node24',
  minify: true,
  sourceMap: true,
  /** ESM bundles need `require` for CommonJS dependencies that load Node built-ins. */
  banner:
    "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  /** React's production build, a third of the size of its development build. */
  define: { 'process.env.NODE_ENV': '"production"' },
  /** The Remix server build made by `remix vite:build`. */
  alias: { 'virtual:remix/server-build': './build/server/index.js' },
  mainFields: ['module', 'main'],
} as const;
