import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, createDynamoClients } from '#functions/store/db';
import { ensureTable } from '#functions/store/setup';
import { createDynamoStore } from '#functions/store/store';
import { seedOnce } from '#functions/dev/seed';

/** A fresh table on the run's DynamoDB Local, so test files never see each other's data. */
export async function freshTable(now: () => Date = () => new Date()) {
  const endpoint = inject('dynamoEndpoint');
  const { client, doc } = createDynamoClients({ endpoint });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  const db = createDb(doc, tableName, now);
  const store = createDynamoStore(db);
  return { endpoint, client, doc, db, tableName, store };
}

export type Table = Awaited<ReturnType<typeof freshTable>>;

/** A fresh table on the run's DynamoDB Local, seeded as `npm run dev` seeds it. */
export async function seededTable(now?: () => Date): Promise<Table> {
  const table = await freshTable(now);
  await seedOnce(table.db);
  return table;
}
