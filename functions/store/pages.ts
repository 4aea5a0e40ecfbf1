import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Pagination } from '#shared/ids';
import type { Db } from './db';
import { InvalidCursorError } from './errors';
import { keys, type ItemKey } from './keys';

/**
 * Cursors carry only the sort key of the last item read; the partition is
 * rebuilt from the caller's organisation, so a cursor cannot reach another
 * organisation's data.
 */
const CursorPayload = z.object({ sk: z.string().max(256) });

/** The cursor of the page after the item with this sort key. */
export function encodeCursor(sortKey: unknown): string | null {
  if (typeof sortKey !== 'string') return null;
  return Buffer.from(JSON.stringify({ sk: sortKey })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    return CursorPayload.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).sk;
  } catch {
    throw new InvalidCursorError();
  }
}

export interface PageQuery<T> {
  /** The partition read: its key attribute and value. */
  partition: { name: string; value: string };
  /** The sort key attribute, and the prefix every item of the list starts with ('' for all). */
  sortKey: { name: string; prefix: string };
  /** A global secondary index; its cursor names the item by `tableKeyOf`. */
  index?: { name: string; tableKeyOf: (sortKey: string) => ItemKey | null };
  /** Only these attributes, when a list shows less than the whole item. */
  attributes?: readonly string[];
  newestFirst?: boolean;
  limit: number;
  cursor?: string | undefined;
  read: (item: Record<string, unknown>) => T;
}

/**
 * A repository's `list`: one page of an organisation's items of one kind, those
 * in its partition whose sort key starts with `prefix`.
 */
export function organisationList<T>(
  db: Db,
  prefix: string,
  read: (item: Record<string, unknown>) => T,
  options: Pick<PageQuery<T>, 'attributes' | 'newestFirst'> = {},
) {
  return (orgId: string, { limit, cursor }: Pagination) =>
    queryPage(db, {
      partition: { name: 'pk', value: keys.organisation(orgId).pk },
      sortKey: { name: 'sk', prefix },
      ...options,
      limit,
      cursor,
      read,
    });
}

/** One page of a list, and the cursor of the next (null on the last page). */
export async function queryPage<T>(
  db: Db,
  query: PageQuery<T>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const { partition, sortKey, index } = query;
  const start = decodeCursor(query.cursor);
  // A cursor from another list, or made up, positions nothing.
  const startTableKey = start === undefined ? undefined : index ? index.tableKeyOf(start) : {};
  if (start !== undefined && (!start.startsWith(sortKey.prefix) || startTableKey === null)) {
    throw new InvalidCursorError();
  }
  const names: Record<string, string> = {
    '#pk': partition.name,
    ...(sortKey.prefix ? { '#sk': sortKey.name } : {}),
  };
  query.attributes?.forEach((name, i) => (names[`#a${i}`] = name));
  const result = await db.send(
    new QueryCommand({
      TableName: db.tableName,
      ...(index ? { IndexName: index.name } : {}),
      KeyConditionExpression: `#pk = :pk${sortKey.prefix ? ' AND begins_with(#sk, :prefix)' : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':pk': partition.value,
        ...(sortKey.prefix ? { ':prefix': sortKey.prefix } : {}),
      },
      ...(query.attributes
        ? { ProjectionExpression: query.attributes.map((_, i) => `#a${i}`).join(', ') }
        : {}),
      ScanIndexForward: !query.newestFirst,
      Limit: query.limit,
      ...(start !== undefined
        ? {
            ExclusiveStartKey: {
              [partition.name]: partition.value,
              [sortKey.name]: start,
              ...startTableKey,
            },
          }
        : {}),
    }),
  );
  return {
    items: (result.Items ?? []).map(query.read),
    nextCursor: encodeCursor(result.LastEvaluatedKey?.[sortKey.name]),
  };
}
