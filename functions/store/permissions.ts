/**
 * What the store sends to DynamoDB, and so exactly what the server function
 * is granted (infra/server.ts). tests/unit/store-permissions.test.ts reads
 * every `new XxxCommand(` in functions/store/*.ts and fails until a new
 * command is listed here; the stack test asserts that the function's policy
 * is these actions on the table and these indexes, nothing more.
 */
import type { IndexName } from './table';

/**
 * Each command the store sends, and the IAM actions it needs. A transaction
 * is authorised item by item: TransactWriteItems needs the action of each kind
 * of item it holds (Put, Update, Delete, ConditionCheck).
 */
export const storeCommands = {
  GetCommand: ['dynamodb:GetItem'],
  // request-scope.ts: GetItems asked for together within one request (ADR 21).
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  PutCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  QueryCommand: ['dynamodb:Query'],
  TransactWriteCommand: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const satisfies Record<string, readonly `dynamodb:${string}`[]>;

export type StoreCommand = keyof typeof storeCommands;

/**
 * Commands only setup.ts sends: creating the table for DynamoDB Local (the dev
 * server and the tests). The Lambda never imports setup.ts; in AWS the table is
 * the stack's.
 */
export const localSetupCommands = [
  'CreateTableCommand',
  'DescribeTableCommand',
  'UpdateTimeToLiveCommand',
] as const;

/** The DynamoDB actions the server function is granted on the table: sorted, each once. */
export const tableActions: readonly string[] = [
  ...new Set(Object.values(storeCommands).flat()),
].sort();

/**
 * The indexes the store queries (records.ts `list`: gsi1 for an organisation's
 * records, gsi2 for one aid's). Only Query reaches them.
 */
export const queriedIndexes: readonly IndexName[] = ['gsi1', 'gsi2'];
export const indexActions: readonly string[] = ['dynamodb:Query'];
