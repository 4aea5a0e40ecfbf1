import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Db } from './db';
import { ConditionFailedError } from './errors';
import { keys, type ItemKey } from './keys';
import type { Principal } from './principal';
import { withinRequest } from './request-scope';

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

/** Sessions end after this long without a request (idle), as well as at their expiry (absolute). */
export const sessionIdleSeconds = {
  /** A clinic computer left signed in: half an hour, longer than any consultation's pause. */
  clinician: 30 * 60,
  /** A patient reading at home may stop for a while; their answers are saved either way. */
  patient: 60 * 60,
} as const;

/**
 * How stale "last seen" may get before a request writes it again: one write
 * per session every few minutes, not one per request.
 */
const TOUCH_FRACTION = 10;

function createSessionRepository<Holder extends Record<string, string>>(
  db: Db,
  key: (hash: string) => ItemKey,
  Holder: z.ZodType<Holder>,
  idleSeconds: number,
  /** Items every request of this holder reads next, asked for in one batch with each other. */
  readNext: (holder: Holder) => ItemKey[] = () => [],
): SessionRepository<Holder> {
  const SessionItem = z.object({
    holder: Holder,
    expiresAt: z.number(),
    // Sessions from before idle timeouts have none: they count as seen at their start.
    lastSeenAt: z.number().optional(),
    createdAt: z.string(),
  });
  const nowSeconds = () => Math.floor(db.now().getTime() / 1000);
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
            lastSeenAt: nowSeconds(),
            expiresAt: Math.floor(expiresAt.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { id, expiresAt };
    },

    async resolve(sessionId) {
      const sessionKey = key(hashToken(sessionId));
      const { Item } = await db.send(new GetCommand({ TableName: db.tableName, Key: sessionKey }));
      if (!Item) return null;
      const session = SessionItem.parse(Item);
      const now = nowSeconds();
      // TTL deletion is late by design: expiry is decided here.
      if (session.expiresAt <= now) return null;
      const lastSeenAt = session.lastSeenAt ?? Math.floor(Date.parse(session.createdAt) / 1000);
      if (now - lastSeenAt >= idleSeconds) {
        await db.send(new DeleteCommand({ TableName: db.tableName, Key: sessionKey }));
        return null;
      }
      if (now - lastSeenAt >= idleSeconds / TOUCH_FRACTION) {
        try {
          await db.send(
            new UpdateCommand({
              TableName: db.tableName,
              Key: sessionKey,
              UpdateExpression: 'SET lastSeenAt = :now',
              // Never brings back a session ended meanwhile (signed out elsewhere).
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':now': now },
            }),
          );
        } catch (error) {
          if (error instanceof ConditionFailedError) return null;
          throw error;
        }
      }
      // Within a request, what comes next is read now, together (request-scope.ts): the
      // clinician's membership and organisation in one call instead of two.
      if (withinRequest()) {
        for (const next of readNext(session.holder))
          db.send(new GetCommand({ TableName: db.tableName, Key: next })).catch(() => {});
      }
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
    sessionIdleSeconds.clinician,
    // Every clinician request checks the membership (functions/api/auth.ts); pages show the organisation.
    ({ orgId, clinicianId }) => [keys.clinician(orgId, clinicianId), keys.organisation(orgId)],
  );

export const createPatientSessions = (db: Db) =>
  createSessionRepository<PatientHolder>(
    db,
    keys.patientSession,
    z.object({ orgId: z.string(), recordId: z.string() }),
    sessionIdleSeconds.patient,
  );
