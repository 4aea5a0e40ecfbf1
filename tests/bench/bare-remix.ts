/**
 * The baseline page of bench:web: a bare Remix v2 app built here, with the
 * project's Remix, React and Vite and the same future flags: a root with
 * Meta, Links, Scripts and ScrollRestoration, and one route with a heading, a
 * paragraph and a link. Whatever any Remix page pays to hydrate, and nothing
 * of ours. It lives under build/ so that it resolves the project's packages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const files: Record<string, string> = {
  // Remix reads the server runtime and default entries' needs from the dependencies.
  'package.json': JSON.stringify({
    name: 'bare-remix',
    private: true,
    type: 'module',
    dependencies: Object.fromEntries(
      [
        '@remix-run/node',
        '@remix-run/react',
        '@remix-run/server-runtime',
        'isbot',
        'react',
        'react-dom',
      ].map((name) => [name, '*']),
    ),
  }),
  'vite.config.mjs': `import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
export default defineConfig({
  logLevel: 'warn',
  plugins: [remix({ appDirectory: 'app', buildDirectory: 'build', future: {
    v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true,
    v3_singleFetch: true, v3_lazyRouteDiscovery: true,
  } })],
  build: { assetsDir: 'assets' },
});
`,
  'app/root.tsx': `import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react';
export default function App() {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
`,
  // As the project's server does: browsers ask for it, the page names no icon.
  'app/routes/favicon[.]ico.ts': `export const loader = () =>
  new Response(null, { status: 204, headers: { 'Cache-Control': 'public, max-age=86400' } });
`,
  'app/routes/_index.tsx': `import type { MetaFunction } from '@remix-run/server-runtime';
export const meta: MetaFunction = () => [{ title: 'A bare Remix page' }, { name: 'description', content: 'The baseline.' }];
export const loader = () => ({ greeting: 'Hello' });
export default function Index() {
  return (
    <main>
      <h1>A bare Remix page</h1>
      <p>One heading, one paragraph and one link: what any Remix page costs.</p>
      <a href="/">Home</a>
    </main>
  );
}
`,
};

/** Builds the bare app; returns its folder (server build in build/server, assets in build/client). */
export function buildBareRemix(): string {
  const dir = path.resolve('build/bench-bare-remix');
  rmSync(dir, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  execFileSync(
    process.execPath,
    [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return dir;
}
