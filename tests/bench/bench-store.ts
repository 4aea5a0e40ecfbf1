import { seedOnce } from '#functions/dev/seed';
import { createDb, createDynamoClients } from '#functions/store/db';
import { ensureTable } from '#functions/store/setup';
import { createDynamoStore } from '#functions/store/store';
import { benchTable, patiently } from './figures';

/**
 * A bench's own table on DynamoDB Local, made and seeded as the development
 * server does it, and the store on it. Destroy `client` when the bench ends.
 */
export async function seededBenchStore(endpoint: string, tableName: string) {
  const { client, doc } = createDynamoClients({ endpoint });
  await benchTable(() => ensureTable(client, tableName));
  const db = createDb(doc, tableName);
  await patiently(() => seedOnce(db));
  return { client, store: createDynamoStore(db) };
}

/** The environment a bench's server runs with: its table, quiet logs, no rate limits. */
export function benchServerEnv(endpoint: string, tableName: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    OIDC_ISSUER: 'https://issuer.example.org',
    OIDC_CLIENT_ID: 'bench',
    AWS_REGION: 'eu-west-2',
    LOG_LEVEL: 'error',
    RATE_LIMITS: 'off',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
