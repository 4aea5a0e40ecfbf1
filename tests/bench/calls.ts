/**
 * `npm run bench:calls`: DynamoDB calls per request over one whole flow (author,
 * publish, invite, every patient step, consult, decide, confirm) through the
 * real root app and the production Remix build, on DynamoDB Local. A counting
 * middleware on the client's stack attributes each call to its request. The
 * same-run baseline is a bare Hono route doing one GetItem: 1 call. It prints
 * figures; it fails only when it cannot run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/server-runtime';
import { startDynamoLocal } from '#functions/dev/dynamodb-local';
import { createDynamoClients } from '#functions/store/db';
import { ensureTable } from '#functions/store/setup';
import { benchTable, table } from './figures';
import { byRoute, commandList, runFlow } from './flow';

const file = path.resolve('build/server/index.js');
if (!existsSync(file)) throw new Error('No Remix build: run `npm run build` first.');
const build = (await import(pathToFileURL(file).href)) as ServerBuild;

const dynamo = await startDynamoLocal();
try {
  const { client, doc } = createDynamoClients({ endpoint: dynamo.endpoint });
  await benchTable(() => ensureTable(client, 'bench-calls'));
  const results = await runFlow({ doc, tableName: 'bench-calls', build });
  const routes = byRoute(results);
  const reads = routes.filter((r) => r.method === 'GET');
  const over = reads.filter((r) => r.reads > 2);
  const scans = results.filter((r) => r.commands['ScanCommand']);
  console.log(
    `DynamoDB calls per request over one whole flow (${results.length} requests; for each route, its request with the most calls)\n`,
  );
  console.log(
    table(
      [
        'route',
        'who',
        'calls',
        'reading calls (signing in included)',
        'writes',
        'commands',
        'bare Hono + GetItem',
        'ratio',
      ],
      routes.map((r) => [
        r.route,
        r.who,
        String(r.calls),
        String(r.reads),
        String(r.writes),
        commandList(r.commands),
        '1',
        `${r.calls.toFixed(0)}×`,
      ]),
    ),
  );
  const totalOver = reads.filter((r) => r.calls > 2);
  console.log(
    `\nRead routes (GET): ${reads.length}. More than 2 calls in all: ${totalOver.length}. More than 2 reading calls: ${over.length}${over.length ? ` (${over.map((r) => r.route).join(', ')})` : ''}. Most session reads in one request: ${Math.max(...results.map((r) => r.sessionReads))}. Scans: ${scans.length}.`,
  );
  client.destroy();
} finally {
  await dynamo.stop();
}
