import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { AidStatus, type AidPage, type AidSummary } from '#shared/aids';
import type { Pagination } from '#shared/ids';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor';
import type { Db } from './db';
import { keys } from './keys';

const AidItem = z.object({
  aidId: z.string(),
  title: z.string(),
  condition: z.string(),
  status: AidStatus,
  demonstration: z.boolean(),
  updatedAt: z.string(),
});

export function aidItem(orgId: string, aid: AidSummary) {
  return {
    ...keys.aid(orgId, aid.id),
    orgId,
    aidId: aid.id,
    title: aid.title,
    condition: aid.condition,
    status: aid.status,
    demonstration: aid.demonstration,
    updatedAt: aid.updatedAt,
    version: 1,
  };
}

export interface AidRepository {
  list(orgId: string, page: Pagination): Promise<AidPage>;
  /** Writes a new aid; fails if the id is taken. */
  create(orgId: string, aid: AidSummary): Promise<void>;
}

export function createAidRepository(db: Db): AidRepository {
  return {
    async list(orgId, { limit, cursor }) {
      const start = decodeCursor(cursor);
      if (start && !start.sk.startsWith(keys.aidPrefix)) throw new InvalidCursorError();
      const { pk } = keys.organisation(orgId);
      const result = await db.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.aidPrefix },
          Limit: limit,
          ...(start ? { ExclusiveStartKey: { pk, sk: start.sk } } : {}),
        }),
      );
      const items = (result.Items ?? []).map((item) => {
        const aid = AidItem.parse(item);
        return {
          id: aid.aidId,
          title: aid.title,
          condition: aid.condition,
          status: aid.status,
          demonstration: aid.demonstration,
          updatedAt: aid.updatedAt,
        };
      });
      return { items, nextCursor: encodeCursor(result.LastEvaluatedKey) };
    },

    async create(orgId, aid) {
      await db.send(
        new PutCommand({
          TableName: db.tableName,
          Item: aidItem(orgId, aid),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
  };
}
