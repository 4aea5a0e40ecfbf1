import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Db } from './db';
import { keys } from './keys';
import type { Principal } from './principal';

const SessionItem = z.object({
  orgId: z.string(),
  clinicianId: z.string(),
  expiresAt: z.number(),
});

export interface NewSession {
  /** Goes into the cookie once; only its hash is stored. */
  id: string;
  expiresAt: Date;
}

export interface SessionRepository {
  create(principal: Principal, lifetimeSeconds: number): Promise<NewSession>;
  /** The principal of a live session, or null when unknown, expired or revoked. */
  resolve(sessionId: string): Promise<Principal | null>;
  revoke(sessionId: string): Promise<void>;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSessionRepository(db: Db): SessionRepository {
  return {
    async create(principal, lifetimeSeconds) {
      const id = randomBytes(32).toString('base64url');
      const expiresAt = new Date(db.now().getTime() + lifetimeSeconds * 1000);
      await db.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...keys.session(hashToken(id)),
            orgId: principal.orgId,
            clinicianId: principal.clinicianId,
            createdAt: db.now().toISOString(),
            expiresAt: Math.floor(expiresAt.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { id, expiresAt };
    },

    async resolve(sessionId) {
      const { Item } = await db.send(
        new GetCommand({ TableName: db.tableName, Key: keys.session(hashToken(sessionId)) }),
      );
      if (!Item) return null;
      const session = SessionItem.parse(Item);
      // TTL deletion is late by design: expiry is decided here.
      if (session.expiresAt * 1000 <= db.now().getTime()) return null;
      return { orgId: session.orgId, clinicianId: session.clinicianId };
    },

    async revoke(sessionId) {
      await db.send(
        new DeleteCommand({ TableName: db.tableName, Key: keys.session(hashToken(sessionId)) }),
      );
    },
  };
}
