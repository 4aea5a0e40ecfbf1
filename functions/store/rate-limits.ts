import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { keys } from './keys';
import { hashToken } from './sessions';

export interface RateVerdict {
  allowed: boolean;
  /** When the current window ends: how long to wait before trying again. */
  retryAfterSeconds: number;
}

export interface RateLimitRepository {
  /**
   * Counts one attempt of `who` (a client address) at `what` (a kind of
   * request) in the current window, and says whether it is within `limit`.
   */
  hit(what: string, who: string, limit: number, windowSeconds: number): Promise<RateVerdict>;
}

/**
 * Fixed windows counted in the table, because Lambda instances share no
 * memory: one atomic update per attempt, and the item expires (TTL) after its
 * window. Addresses are kept only as hashes.
 */
export function createRateLimitRepository(db: Db): RateLimitRepository {
  return {
    async hit(what, who, limit, windowSeconds) {
      const now = db.now().getTime() / 1000;
      const windowStart = Math.floor(now / windowSeconds) * windowSeconds;
      const windowEnd = windowStart + windowSeconds;
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.rateWindow(what, hashToken(who), windowStart),
          UpdateExpression: 'ADD attempts :one SET expiresAt = if_not_exists(expiresAt, :end)',
          ExpressionAttributeValues: { ':one': 1, ':end': windowEnd },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const attempts = Number(Attributes?.['attempts'] ?? 1);
      return {
        allowed: attempts <= limit,
        retryAfterSeconds: Math.max(1, Math.ceil(windowEnd - now)),
      };
    },
  };
}
