/**
 * The baseline the benches measure beside the project in the same run: a bare
 * Hono + zod + DynamoDB client Lambda whose route does one GetItem, bundled as
 * the production bundle is. Nothing of ours is in it. With `withQuery` (for
 * bench:load, not for cold starts), `GET /query?pk=…` makes instead the Query a
 * patient's read makes (a record's partition, consistent), and
 * `GET /two-calls?pk=…&keys=…` the two calls a clinician's read makes together
 * (a BatchGetItem of the given keys: the session and the membership; and that
 * Query): beside them, what is ours in a read shows apart from what DynamoDB
 * Local takes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** The baseline: what any Hono + zod + DynamoDB Lambda pays, and nothing of ours. */
export async function buildBaseline({ withQuery = false } = {}): Promise<string> {
  const dir = path.resolve(withQuery ? 'build/bench-baseline-query' : 'build/bench-baseline');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'handler.ts'),
    `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand${withQuery ? ', BatchGetCommand, QueryCommand' : ''} } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import * as z from 'zod';
const Env = z.object({ TABLE_NAME: z.string(), DYNAMODB_ENDPOINT: z.string() });
const env = Env.parse(process.env);
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({
  endpoint: env.DYNAMODB_ENDPOINT, region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
}));
${
  withQuery
    ? `const partition = async (pk: string) => (await doc.send(new QueryCommand({ TableName: env.TABLE_NAME,
  KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk },
  ScanIndexForward: false, ConsistentRead: true }))).Items ?? [];
`
    : ''
}const app = new Hono()${
      withQuery
        ? `.get('/query', async (c) => c.json(await partition(c.req.query('pk') ?? '')))
.get('/two-calls', async (c) => {
  const [batch, items] = await Promise.all([
    doc.send(new BatchGetCommand({ RequestItems: { [env.TABLE_NAME]: { Keys: JSON.parse(c.req.query('keys') ?? '[]') } } })),
    partition(c.req.query('pk') ?? ''),
  ]);
  return c.json({ found: batch.Responses?.[env.TABLE_NAME] ?? [], items });
})`
        : ''
    }.all('*', async (c) => {
  const { Item } = await doc.send(new GetCommand({ TableName: env.TABLE_NAME, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
  return c.json({ ok: true, found: Item !== undefined });
});
export const handler = handle(app);
`,
  );
  await build({
    entryPoints: [path.join(dir, 'handler.ts')],
    outfile: path.join(dir, 'handler.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return path.join(dir, 'handler.mjs');
}
