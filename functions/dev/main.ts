/**
 * `npm run dev`: one process serving the whole app on http://localhost:3000 —
 * DynamoDB Local (data kept in .data/), the API, the development sign-in,
 * and Remix through Vite with hot reload.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createRequestHandler, type ServerBuild } from '@remix-run/server-runtime';
import { createServer as createViteServer } from 'vite';
import * as z from 'zod';
import { createDevDirectory } from './dev-directory';
import { createDevIssuer } from './issuer';
import { composeServer } from '../app/compose';
import { readRateLimits } from '../app/rate-limits';
import { loadLocalPdfRenderer } from '../exports/local-pdf';
import type { WebContext } from '../app/web-context';
import { createLogger, describeError } from '../log/logger';
import { createDb, createDynamoClients } from '../store/db';
import { ensureTable } from '../store/setup';
import { startDynamoLocal, DevSetupError, type DynamoLocal } from './dynamodb-local';
import { devAccounts, seedOnce } from './seed';

const DevEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  DATA_DIR: z.string().default('.data/dynamodb'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('warn'),
  /**
   * Unset: this computer only (127.0.0.1 and ::1). An address such as 0.0.0.0
   * opens the app to the network, deliberately (a phone on the same Wi-Fi).
   */
  HOST: z.union([z.ipv4(), z.ipv6()]).optional(),
  /** Per-address limits: unset for the defaults, "off", or JSON such as {"patientLink":60}. */
  RATE_LIMITS: z.string().optional(),
});
const TABLE_NAME = 'decide-together';
const CLIENT_ID = 'decide-together-local';

// The AWS SDK warns at every start that its releases after January 2027 need
// Node.js 22; the README says so once, and the warning would bury the one line that matters.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

const envResult = DevEnv.safeParse(process.env);
if (!envResult.success) fail(`Check your environment: ${z.prettifyError(envResult.error)}`);
const env = envResult.data;
const publicOrigin = `http://localhost:${env.PORT}`;
const log = createLogger({ level: env.LOG_LEVEL });

// Take the port first, so a busy port fails before anything starts; until the
// app is ready, requests get a short "starting" answer.
let handle = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
  res.end('Decide Together is starting. Reload in a moment.\n');
};
const server = createServer((req, res) => handle(req, res));
/** Listens on one address; false when the address does not exist here (no IPv6). */
const listen = (target: typeof server, host: string) =>
  new Promise<boolean>((resolve) => {
    target.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') return resolve(false);
      if (error.code === 'EADDRINUSE') {
        fail(
          `Port ${env.PORT} is already in use. Stop the program using it, or choose another port: PORT=${env.PORT + 1} npm run dev`,
        );
      }
      fail(`Could not listen on ${host} port ${env.PORT}: ${error.message}`);
    });
    target.listen(env.PORT, host, () => resolve(true));
  });
await listen(server, env.HOST ?? '127.0.0.1');
if (!env.HOST) {
  // "localhost" may be ::1 too. The same app answers there; hot reload's WebSocket as well.
  const loopback6 = createServer((req, res) => handle(req, res));
  loopback6.on('upgrade', (...upgrade) => server.emit('upgrade', ...upgrade));
  if (await listen(loopback6, '::1')) server.on('close', () => loopback6.close());
}

let dynamo: DynamoLocal | undefined;
let closing = false;
async function shutdown(code: number) {
  if (closing) return;
  closing = true;
  server.closeAllConnections();
  server.close();
  await vite?.close().catch(() => undefined);
  await dynamo?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// Whatever happens, no java process is left behind.
process.on('exit', () => {
  if (dynamo) {
    try {
      process.kill(dynamo.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

let vite: Awaited<ReturnType<typeof createViteServer>> | undefined;
try {
  dynamo = await startDynamoLocal({ dataDir: env.DATA_DIR });
  const { client, doc } = createDynamoClients({ endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE_NAME);
  const db = createDb(doc, TABLE_NAME);
  const seeded = await seedOnce(db);
  // Invited members get an account here, as they would in Cognito (ADR 17).
  const directory = createDevDirectory(db, devAccounts);

  vite = await createViteServer({
    server: { middlewareMode: true, hmr: { server } },
    appType: 'custom',
  });
  const viteServer = vite;
  const remix = async (request: Request, context: WebContext) => {
    const build = (await viteServer.ssrLoadModule('virtual:remix/server-build')) as ServerBuild;
    return createRequestHandler(build, 'development')(request, context);
  };

  // The issuer and the sign-in client reach each other in-process.
  const localFetch = async (input: string | URL | Request, init?: RequestInit) =>
    rootApp.fetch(new Request(input, init));
  const issuer = await createDevIssuer({
    publicOrigin,
    clientId: CLIENT_ID,
    accounts: directory.accounts,
  });
  const rootApp = composeServer({
    doc,
    tableName: TABLE_NAME,
    publicOrigin,
    oidc: { issuer: issuer.issuer, clientId: CLIENT_ID, fetch: localFetch },
    remix,
    loadPdfRenderer: loadLocalPdfRenderer,
    log,
    devIssuer: issuer.app,
    memberDirectory: directory,
    development: true,
    rateLimits: readRateLimits(env.RATE_LIMITS),
  });
  const listener = getRequestListener(rootApp.fetch);
  const otherLoopbackHosts = [`127.0.0.1:${env.PORT}`, `[::1]:${env.PORT}`];
  handle = (req, res) => {
    // Sign-in's cookies and return address belong to one host: another loopback
    // address the browser used goes to it, so signing in works from either.
    if (otherLoopbackHosts.includes(req.headers.host ?? '') && req.method === 'GET') {
      res.writeHead(307, { location: `${publicOrigin}${req.url ?? '/'}` });
      res.end();
      return;
    }
    viteServer.middlewares(req, res, () => void listener(req, res));
  };

  process.stdout.write(
    [
      '',
      `  Decide Together is running at ${publicOrigin}${env.HOST ? `, open to the network on ${env.HOST}:${env.PORT}` : ' (this computer only)'}`,
      `  Sign in as ${devAccounts.map((a) => a.email).join(' or ')}.`,
      `  Data: ${env.DATA_DIR}${seeded ? ' (new: seeded with the demo clinic)' : ''}. Stop with Ctrl-C.`,
      '',
    ].join('\n') + '\n',
  );
} catch (error) {
  if (error instanceof DevSetupError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    log.error('could not start', describeError(error));
  }
  await shutdown(1);
}
