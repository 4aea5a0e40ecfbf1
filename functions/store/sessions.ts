import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Db } from './db';
import { ConditionFailedError } from './errors';
import { idPattern, keys, type ItemKey } from './keys';
import type { Principal } from './principal';
import { readAhead } from './request-scope';

export interface NewSession {
  /**
   * Goes into the cookie once; only its hash is stored. It names its holder
   * before the random part (`org.clinician.token`, ADR 24), so that a request
   * can read what the holder needs in the same call as the session itself.
   */
  id: string;
  expiresAt: Date;
}

/** Browser sessions of one kind: clinicians (a principal) or patients (one record). */
export interface SessionRepository<Holder> {
  create(holder: Holder, expiresAt: Date): Promise<NewSession>;
  /**
   * Who holds a live session, or null when it is unknown, expired or revoked.
   * `alsoNext` names what the request reads next from the holder: it is asked
   * for in the same call as the session (ADR 24).
   */
  resolve(
    sessionId: string,
    alsoNext?: (holder: Holder) => Array<Promise<unknown>>,
  ): Promise<Holder | null>;
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

/** What the session's id names, in this order, before its random part. */
type HolderFields<Holder> = readonly (keyof Holder & string)[];

/**
 * The holder a session id names (ADR 24), or null for an id of another shape
 * (one made before ids named their holder). Only a claim until the session
 * item, found by the hash of the whole id, says the same.
 */
function claimedHolder<Holder extends Record<string, string>>(
  sessionId: string,
  fields: HolderFields<Holder>,
): Holder | null {
  const parts = sessionId.split('.');
  if (parts.length !== fields.length + 1) return null;
  if (!parts.slice(0, -1).every((part) => idPattern.test(part))) return null;
  return Object.fromEntries(fields.map((field, i) => [field, parts[i]])) as Holder;
}

const sameHolder = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([field, value]) => b[field] === value);

function createSessionRepository<Holder extends Record<string, string>>(
  db: Db,
  /**
   * Where a session may be kept, by the hash of its id and the holder the id
   * names: new sessions go to the first place, and are looked for in order.
   */
  places: (hash: string, claim: Holder | null) => [ItemKey, ...ItemKey[]],
  Holder: z.ZodType<Holder>,
  fields: HolderFields<Holder>,
  idleSeconds: number,
  /** What every request of this holder reads next: asked for with the session, in the same call. */
  readNext: (holder: Holder) => Array<Promise<unknown>> = () => [],
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
      const named = fields.map((field) => holder[field]);
      // Ids are checked against idPattern at the API: none carries the separator.
      const id = named.every((part) => idPattern.test(part ?? ''))
        ? [...named, newToken()].join('.')
        : newToken();
      await db.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...places(hashToken(id), claimedHolder(id, fields))[0],
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

    async resolve(sessionId, alsoNext) {
      const next = (holder: Holder) => [...readNext(holder), ...(alsoNext?.(holder) ?? [])];
      const claim = claimedHolder(sessionId, fields);
      const [first, ...older] = places(hashToken(sessionId), claim);
      const get = (Key: ItemKey) => db.send(new GetCommand({ TableName: db.tableName, Key }));
      const read = get(first);
      // In the same turn as the session, so that a request scope sends them together
      // (request-scope.ts). The claim is trusted only once the session agrees, below.
      if (claim) readAhead(() => next(claim));
      let sessionKey = first;
      let { Item } = await read;
      for (const place of older) {
        if (Item) break;
        sessionKey = place;
        ({ Item } = await get(place));
      }
      if (!Item) return null;
      const session = SessionItem.parse(Item);
      if (claim && !sameHolder(claim, session.holder)) return null;
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
      // A session from before ids named their holder: what comes next is read now, together.
      if (!claim) readAhead(() => next(session.holder));
      return session.holder;
    },

    async revoke(sessionId) {
      const hash = hashToken(sessionId);
      for (const Key of places(hash, claimedHolder(sessionId, fields)))
        await db.send(new DeleteCommand({ TableName: db.tableName, Key }));
    },
  };
}

/** A patient's session holds one record of one organisation, nothing more. */
export interface PatientHolder extends Record<string, string> {
  orgId: string;
  recordId: string;
  /** The invitation whose link opened it; empty in sessions opened before it was kept. */
  invitationId: string;
}

/**
 * A clinician's session. `readNext` asks for what every request of theirs
 * reads next (the membership, checked each time, and the organisation).
 */
export const createClinicianSessions = (
  db: Db,
  readNext: (holder: Principal) => Array<Promise<unknown>>,
) =>
  createSessionRepository<Principal & Record<string, string>>(
    db,
    (hash) => [keys.session(hash)],
    z.object({ orgId: z.string(), clinicianId: z.string() }),
    ['orgId', 'clinicianId'],
    sessionIdleSeconds.clinician,
    readNext,
  );

/** A patient's session. `readNext` asks for what every request of theirs reads next (the record). */
export const createPatientSessions = (
  db: Db,
  readNext: (holder: PatientHolder) => Array<Promise<unknown>>,
) =>
  createSessionRepository<PatientHolder>(
    db,
    // In the record's partition (ADR 25); sessions made before are still found where they were.
    (hash, claim) =>
      claim
        ? [keys.patientSession(claim.orgId, claim.recordId, hash), keys.patientSessionBefore(hash)]
        : [keys.patientSessionBefore(hash)],
    z.object({ orgId: z.string(), recordId: z.string(), invitationId: z.string().default('') }),
    ['orgId', 'recordId', 'invitationId'],
    sessionIdleSeconds.patient,
    readNext,
  );
