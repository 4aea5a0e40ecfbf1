// The Remix server build: Vite serves it in development; esbuild aliases it to
// build/server/index.js for the Lambda bundle.
declare module 'virtual:remix/server-build' {
  export * from '@remix-run/dev/server-build';
}
