import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { translateStoreError } from './errors';

/** What every repository needs: a way to send commands, the table, and the time. */
export interface Db {
  /** Sends through the document client; SDK failures arrive as the store's own errors. */
  send: DynamoDBDocumentClient['send'];
  tableName: string;
  now: () => Date;
}

export function createDb(
  doc: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date = () => new Date(),
): Db {
  const send = async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
    try {
      return await doc.send(command);
    } catch (error) {
      throw translateStoreError(error);
    }
  };
  return { send: send as DynamoDBDocumentClient['send'], tableName, now };
}

export interface DynamoConnection {
  /** Set for DynamoDB Local; unset in AWS, where the SDK finds the regional endpoint. */
  endpoint?: string | undefined;
  region?: string | undefined;
}

/**
 * The process's DynamoDB clients, created once. Short timeouts so that a store
 * that does not answer becomes a 503 within seconds instead of hanging a page.
 */
export function createDynamoClients({ endpoint, region }: DynamoConnection): {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
} {
  const client = new DynamoDBClient({
    ...(endpoint
      ? {
          endpoint,
          region: region ?? 'local',
          // DynamoDB Local accepts any credentials; fixed ones keep one namespace.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : { region }),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, doc };
}
