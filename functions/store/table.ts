/**
 * The one table definition. The store, the dev server, the tests and the CDK
 * stack all read it, so the key schema cannot drift between them.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Global secondary indexes, by name. */
  indexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  },
  /** Epoch seconds; DynamoDB deletes the item some time after it. Expiry is still checked on read. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = keyof typeof tableDefinition.indexes;
