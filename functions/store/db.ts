import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError, translateStoreError } from './errors';
import { sharedWithinRequest } from './request-scope';

/** What every repository needs: a way to send commands, the table, and the time. */
export interface Db {
  /** Sends through the document client; SDK failures arrive as the store's own errors. */
  send: DynamoDBDocumentClient['send'];
  tableName: string;
  now: () => Date;
}

/**
 * How long one store call may take, retries included: past it, the call is
 * aborted and the API answers 503 with Retry-After instead of hanging a page.
 */
export const STORE_DEADLINE_MS = 3_000;

export function createDb(
  doc: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date = () => new Date(),
): Db {
  const send = async (
    command: Parameters<DynamoDBDocumentClient['send']>[0],
    options?: { abortSignal?: AbortSignal },
  ) => {
    // The caller's own signal (such as the health check's) and the deadline, whichever ends first.
    const deadline = AbortSignal.timeout(STORE_DEADLINE_MS);
    const abortSignal = options?.abortSignal
      ? AbortSignal.any([options.abortSignal, deadline])
      : deadline;
    // The SDK stops at the signal; the race makes sure of it even where a
    // request handler or middleware does not listen.
    let stopWaiting = () => {};
    const abandoned = new Promise<never>((_resolve, reject) => {
      const onAbort = () => reject(abortSignal.reason);
      abortSignal.addEventListener('abort', onAbort, { once: true });
      stopWaiting = () => abortSignal.removeEventListener('abort', onAbort);
    });
    try {
      return await Promise.race([doc.send(command, { abortSignal }), abandoned]);
    } catch (error) {
      throw translateStoreError(error);
    } finally {
      stopWaiting();
    }
  };
  // Within one request, the same read is sent once and GetItems go together (request-scope.ts).
  return { send: sharedWithinRequest(send as DynamoDBDocumentClient['send']), tableName, now };
}

/** One write of a transaction: a put, an update, a delete or a condition check. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type TransactUpdate = NonNullable<TransactItem['Update']>;

/** Writes the items all together, or none of them. */
export async function writeTogether(db: Db, items: TransactItem[]): Promise<void> {
  await db.send(new TransactWriteCommand({ TransactItems: items }));
}

/** Tries a change again when it met another at the same moment: its conditions are checked afresh. */
export const CONFLICT_ATTEMPTS = 4;

/** A transaction cancelled because another wrote one of its items at the same moment. */
export function isTransactionConflict(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'TransactionCanceledException' &&
    'CancellationReasons' in error &&
    Array.isArray(error.CancellationReasons) &&
    error.CancellationReasons.some(
      (reason: { Code?: string }) => reason.Code === 'TransactionConflict',
    )
  );
}

/** A short random wait, longer with each attempt, so that two retrying writers part. */
export const pauseBeforeRetry = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));

/** A transaction's put of an item that must not exist yet. */
export function putNew(db: Pick<Db, 'tableName'>, item: Record<string, unknown>): TransactItem {
  return {
    Put: { TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** A transaction's update of one item of the table. */
export function updateOne(
  db: Pick<Db, 'tableName'>,
  update: Omit<TransactUpdate, 'TableName'>,
): TransactItem {
  return { Update: { TableName: db.tableName, ...update } };
}

/**
 * Whether a conditional write went through: false when its condition failed
 * (the item was not as expected, often because another request wrote first).
 * Any other failure is thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
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
    // Throttling and faults are retried with backoff and jitter (the SDK's standard
    // mode), within the store deadline of each call (createDb).
    maxAttempts: 3,
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      // Without it a request that times out only logs a warning, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, doc };
}
