import { AsyncLocalStorage } from 'node:async_hooks';
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareHandler } from 'hono';

/**
 * Reads shared within one HTTP request (ADR 21). A page runs several loaders,
 * each calling the API in-process, and each API call authenticates: without
 * this, one page read the same session and member items three times. Within
 * a request:
 *
 * - the same read (GetItem or Query, same input) is sent once, and its answer
 *   shared by every caller;
 * - GetItems asked for in the same turn of the event loop (`Promise.all` of
 *   the record's invitation, version and organisation) go as one BatchGetItem;
 * - a GetItem of an item whose whole partition is queried in the same turn
 *   is answered by that Query (a patient's session beside their record, ADR 25);
 * - any write forgets every read, before it is sent and after it ends: what is
 *   read after a change is read again.
 *
 * Outside a request (scripts, the seed, tests of the store) nothing changes.
 */
interface Scope {
  reads: Map<string, Promise<unknown>>;
  /** GetItems waiting for the end of this turn, to go as one batch. */
  pending: PendingGet[];
  /** Queries of a whole partition (their first page), by table and partition key. */
  partitions: Map<string, { consistent: boolean; page: Promise<PartitionPage> }>;
}

interface PartitionPage {
  Items?: Record<string, unknown>[];
  LastEvaluatedKey?: Record<string, unknown>;
}

interface PendingGet {
  input: { TableName: string; Key: Record<string, unknown>; ConsistentRead?: boolean };
  resolve: (output: { Item?: Record<string, unknown> }) => void;
  reject: (error: unknown) => void;
}

type Send = DynamoDBDocumentClient['send'];
type Command = Parameters<Send>[0];

const storage = new AsyncLocalStorage<Scope>();

/** Runs `work` as one request: its reads are shared, its GetItems batched. */
export function inRequestScope<T>(work: () => T): T {
  return storage.run({ reads: new Map(), pending: [], partitions: new Map() }, work);
}

/**
 * Starts reads that what follows in this request is about to ask for, so that
 * they join this turn's batch; their answers wait in the scope for the real
 * callers. Outside a request scope nothing would share them: nothing is read.
 */
export function readAhead(reads: () => Array<Promise<unknown>>): void {
  if (storage.getStore() === undefined) return;
  // A read ahead that fails is not kept (below): its real caller asks again and sees the error.
  for (const read of reads()) read.catch(() => {});
}

/** The same, as Hono middleware: first on the root app, so pages and the API share it. */
export const requestScope: MiddlewareHandler = (_c, next) => inRequestScope(next);

/** BatchGetItem takes at most 100 keys. */
const BATCH_LIMIT = 100;
/** Unprocessed keys (throttling) are asked for again this many times, then the read fails. */
const BATCH_RETRIES = 3;

/** A GetItem that only names a key (no projection): one that can join a batch. */
function batchable(command: Command): PendingGet['input'] | null {
  if (!(command instanceof GetCommand)) return null;
  const { TableName, Key, ConsistentRead, ...rest } = command.input;
  if (!TableName || !Key || Object.keys(rest).length > 0) return null;
  return { TableName, Key, ...(ConsistentRead ? { ConsistentRead } : {}) };
}

const keyOf = (key: Record<string, unknown>) => `${String(key['pk'])}\u0000${String(key['sk'])}`;
const partitionOf = (tableName: string, pk: unknown) => `${tableName}\u0000${String(pk)}`;

/** The first page of a Query that reads a whole partition, as its table and partition key. */
function wholePartition(command: Command): { tableName: string; pk: unknown } | null {
  if (!(command instanceof QueryCommand)) return null;
  const { TableName, KeyConditionExpression, ExpressionAttributeValues, ...rest } = command.input;
  const { ScanIndexForward: _order, ConsistentRead: _consistent, ...narrowing } = rest;
  if (!TableName || KeyConditionExpression !== 'pk = :pk') return null;
  const values = Object.keys(ExpressionAttributeValues ?? {});
  // A later page (ExclusiveStartKey), a filter, a projection or a limit: not the whole partition.
  if (values.length !== 1 || Object.values(narrowing).some((value) => value !== undefined))
    return null;
  return { tableName: TableName, pk: ExpressionAttributeValues![':pk'] };
}

/**
 * Wraps a store's `send` (functions/store/db.ts) so that, inside a request
 * scope, reads are shared and batched as described above.
 */
export function sharedWithinRequest(send: Send): Send {
  const flush = async (batch: PendingGet[]) => {
    if (batch.length === 1) {
      const [only] = batch;
      try {
        only!.resolve(await send(new GetCommand(only!.input)));
      } catch (error) {
        only!.reject(error);
      }
      return;
    }
    // One table per store; a strongly consistent read makes the batch consistent.
    const tableName = batch[0]!.input.TableName;
    const consistent = batch.some((get) => get.input.ConsistentRead);
    const found = new Map<string, Record<string, unknown>>();
    const unique = new Map(batch.map((get) => [keyOf(get.input.Key), get.input.Key]));
    try {
      let keys = [...unique.values()];
      for (let attempt = 0; keys.length > 0; attempt += 1) {
        if (attempt > BATCH_RETRIES) throw new Error('DynamoDB left keys of a batch unread');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
        const output = await send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: { Keys: keys, ...(consistent ? { ConsistentRead: true } : {}) },
            },
          }),
        );
        for (const item of output.Responses?.[tableName] ?? []) found.set(keyOf(item), item);
        keys = (output.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    } catch (error) {
      for (const get of batch) get.reject(error);
      return;
    }
    for (const get of batch) {
      const item = found.get(keyOf(get.input.Key));
      get.resolve(item ? { Item: item } : {});
    }
  };

  /**
   * Answers a GetItem from a Query of its whole partition in this turn, if there
   * is one at least as consistent; true when it does. An item the Query's first
   * page does not reach is asked for on its own.
   */
  const fromPartition = (scope: Scope, get: PendingGet) => {
    const { TableName, Key, ConsistentRead } = get.input;
    const partition = scope.partitions.get(partitionOf(TableName, Key['pk']));
    if (!partition || (ConsistentRead && !partition.consistent)) return false;
    partition.page.then(
      ({ Items = [], LastEvaluatedKey }) => {
        const item = Items.find((candidate) => candidate['sk'] === Key['sk']);
        if (item || !LastEvaluatedKey) get.resolve(item ? { Item: item } : {});
        else void flush([get]);
      },
      (error: unknown) => get.reject(error),
    );
    return true;
  };

  const batched = (scope: Scope, input: PendingGet['input']) =>
    new Promise<{ Item?: Record<string, unknown> }>((resolve, reject) => {
      if (scope.pending.length === 0) {
        // After this turn's callers have asked: everything pending by then goes together.
        setImmediate(() => {
          const all = scope.pending.splice(0).filter((get) => !fromPartition(scope, get));
          const byTable = new Map<string, PendingGet[]>();
          for (const get of all) {
            const group = byTable.get(get.input.TableName) ?? [];
            group.push(get);
            byTable.set(get.input.TableName, group);
          }
          for (const group of byTable.values())
            for (let i = 0; i < group.length; i += BATCH_LIMIT)
              void flush(group.slice(i, i + BATCH_LIMIT));
        });
      }
      scope.pending.push({ input, resolve, reject });
    });

  const shared = (async (command: Command, options?: { abortSignal?: AbortSignal }) => {
    const scope = storage.getStore();
    // A caller with its own signal (the health check) keeps its own call.
    if (!scope || options?.abortSignal) return send(command, options);
    const isRead = command instanceof GetCommand || command instanceof QueryCommand;
    if (!isRead) {
      scope.reads.clear();
      scope.partitions.clear();
      try {
        return await send(command, options);
      } finally {
        scope.reads.clear();
        scope.partitions.clear();
      }
    }
    const memoKey = `${command.constructor.name}:${JSON.stringify(command.input)}`;
    const known = scope.reads.get(memoKey);
    if (known) return known;
    const input = batchable(command);
    const read: Promise<unknown> = input ? batched(scope, input) : send(command as GetCommand);
    scope.reads.set(memoKey, read);
    const partition = wholePartition(command);
    if (partition)
      scope.partitions.set(partitionOf(partition.tableName, partition.pk), {
        consistent: (command as QueryCommand).input.ConsistentRead === true,
        page: read as Promise<PartitionPage>,
      });
    // A failed read is not kept: the next caller tries again.
    read.catch(() => {
      if (scope.reads.get(memoKey) === read) scope.reads.delete(memoKey);
      for (const [key, known] of scope.partitions)
        if (known.page === read) scope.partitions.delete(key);
    });
    return read;
  }) as Send;
  return shared;
}
