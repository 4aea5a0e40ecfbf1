import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    remix({
      appDirectory: 'web',
      buildDirectory: 'build',
      // All Remix v3 behaviour now, so the upgrade to React Router 7 is a rename.
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
  // The development server serves the client code and its packages, nothing else:
  // not the server's code, the local database (.data/) or secrets.
  server: {
    fs: {
      strict: true,
      allow: ['web', 'shared', 'node_modules'],
      deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.data/**', '**/.git/**'],
    },
  },
  // Client assets live under /assets/, which CloudFront serves from S3.
  build: { assetsDir: 'assets' },
  // Listed so that Vite prepares them at start: discovered later, they would make
  // the first page load in development reload, and load React twice.
  optimizeDeps: {
    include: [
      '@remix-run/server-runtime',
      'hono/client',
      'zod',
      'syllable',
      'uqr',
      '@conform-to/react',
      '@conform-to/zod/v4',
    ],
  },
});
