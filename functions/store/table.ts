/**
 * The one table definition. The store, the dev server, the tests and the CDK
 * stack all read it, so the key schema cannot drift between them.
 */

/** What a list of records shows (`RecordSummary`): the only attributes the list indexes copy. */
const recordListAttributes = [
  'recordId',
  'orgId',
  'invitationId',
  'aidId',
  'aidVersion',
  'aidTitle',
  'clinicReference',
  'status',
  'statusAt',
  'createdAt',
];

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Global secondary indexes, by name. Both list decision records (keys.ts,
   * `recordLists`); they copy only the list's attributes, so a patient saving
   * answers writes nothing to them — only a change of status does.
   */
  indexes: {
    /** Records of an organisation. */
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk', nonKeyAttributes: recordListAttributes },
    /** Records of one aid. */
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk', nonKeyAttributes: recordListAttributes },
  },
  /** Epoch seconds; DynamoDB deletes the item some time after it. Expiry is still checked on read. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = keyof typeof tableDefinition.indexes;
