import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Db } from './db';
import { keys, type ItemKey } from './keys';
import type { Principal } from './principal';

export interface NewSession {
  /** Goes into the cookie once; only its hash is stored. */
  id: string;
  expiresAt: Date;
}

/** Browser sessions of one kind: clinicians (a principal) or patients (one record). */
export interface SessionRepository<Holder> {
  create(holder: Holder, expiresAt: Date): Promise<NewSession>;
  /** Who holds a live session, or null when it is unknown, expired or revoked. */
  resolve(sessionId: string): Promise<Holder | null>;
  revoke(sessionId: string): Promise<void>;
}

/** A random token, 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function createSessionRepository<Holder extends Record<string, string>>(
  db: Db,
  key: (hash: string) => ItemKey,
  Holder: z.ZodType<Holder>,
): SessionRepository<Holder> {
  const SessionItem = z.object({ holder: Holder, expiresAt: z.number() });
  return {
    async create(holder, expiresAt) {
      const id = newToken();
      await db.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...key(hashToken(id)),
            holder,
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
        new GetCommand({ TableName: db.tableName, Key: key(hashToken(sessionId)) }),
      );
      if (!Item) return null;
      const session = SessionItem.parse(Item);
      // TTL deletion is late by design: expiry is decided here.
      if (session.expiresAt * 1000 <= db.now().getTime()) return null;
      return session.holder;
    },

    async revoke(sessionId) {
      await db.send(new DeleteCommand({ TableName: db.tableName, Key: key(hashToken(sessionId)) }));
    },
  };
}

/** A patient's session holds one record of one organisation, nothing more. */
export interface PatientHolder extends Record<string, string> {
  orgId: string;
  recordId: string;
}

export const createClinicianSessions = (db: Db) =>
  createSessionRepository<Principal & Record<string, string>>(
    db,
    keys.session,
    z.object({ orgId: z.string(), clinicianId: z.string() }),
  );

export const createPatientSessions = (db: Db) =>
  createSessionRepository<PatientHolder>(
    db,
    keys.patientSession,
    z.object({ orgId: z.string(), recordId: z.string() }),
  );
