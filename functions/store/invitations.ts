import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { Actor } from '#shared/aid/aids';
import { RecordStatus } from '#shared/record/schema';
import type { Pagination } from '#shared/ids';
import { invitationStatus, type Invitation, type InvitationPage } from '#shared/invitations';
import {
  CONFLICT_ATTEMPTS,
  conditionHeld,
  isTransactionConflict,
  pauseBeforeRetry,
  putNew,
  updateOne,
  writeTogether,
  type Db,
} from './db';
import { InvitationChangedError, LinkWithdrawnError, NotFoundError } from './errors';
import { sortableId } from './ids';
import { eventPut } from './audit-events';
import { keys } from './keys';
import { organisationList } from './pages';
import { readAhead } from './request-scope';
import { hashToken, newToken } from './sessions';

/** Token items outlive their invitation, so an expired link says "expired" rather than "unknown". */
const TOKEN_RETENTION_SECONDS = 90 * 24 * 3600;

/**
 * The table's TTL attribute (`expiresAt`, epoch seconds) is for items that may
 * vanish: sessions, link tokens, rate-limit counters. An invitation never
 * vanishes (its record points to it), so its link's end is an ISO date under
 * its own name, `linkExpiresAt`. Items written before keep it as an ISO string
 * in `expiresAt` — a string TTL ignores — and are read as if renamed; the
 * next extension rewrites them (ADR 20).
 */
const withLinkExpiry = (raw: unknown) => {
  if (typeof raw !== 'object' || raw === null) return raw;
  const item = raw as Record<string, unknown>;
  if (item['linkExpiresAt'] !== undefined || typeof item['expiresAt'] !== 'string') return raw;
  return { ...item, linkExpiresAt: item['expiresAt'] };
};

/** What an invitation offers, stored on the invitation and copied onto the record it opens. */
export const invitedAidFields = {
  orgId: z.string(),
  invitationId: z.string(),
  aidId: z.string(),
  aidVersion: z.int(),
  aidTitle: z.string(),
  clinicReference: z.string().nullable(),
};

export const InvitationItem = z.preprocess(
  withLinkExpiry,
  z.object({
    ...invitedAidFields,
    createdAt: z.string(),
    createdBy: Actor,
    /** When the link stops opening: an ISO date, never the TTL attribute. */
    linkExpiresAt: z.string(),
    // Absent until they happen, so that conditions can test attribute_not_exists.
    revokedAt: z.string().nullable().default(null),
    recordId: z.string().nullable().default(null),
    recordStatus: RecordStatus.nullable().default(null),
    /** The SHA-256 of the link's token, to keep the token item as long as the invitation (absent on the oldest items). */
    tokenHash: z.string().optional(),
  }),
);
export type InvitationItem = z.infer<typeof InvitationItem>;

const TokenItem = z.object({ orgId: z.string(), invitationId: z.string() });

export interface NewInvitationInput {
  aidId: string;
  aidVersion: number;
  aidTitle: string;
  clinicReference: string | null;
  expiresAt: Date;
  by: Actor;
}

export interface InvitationRepository {
  /** Creates the invitation and its link token in one transaction; the token is returned once. */
  create(
    orgId: string,
    input: NewInvitationInput,
  ): Promise<{ invitation: Invitation; token: string }>;
  list(orgId: string, page: Pagination): Promise<InvitationPage>;
  get(orgId: string, invitationId: string): Promise<Invitation | null>;
  /** Revokes once; revoking again keeps the first time. The record's history says who did it. */
  revoke(orgId: string, invitationId: string, by: Actor): Promise<Invitation>;
  /**
   * Moves the link's end to `expiresAt`, with the record's audit event in the
   * same transaction. LinkWithdrawnError if it was withdrawn (that stays final);
   * InvitationChangedError if someone else moved it first.
   */
  extend(orgId: string, invitationId: string, expiresAt: Date, by: Actor): Promise<Invitation>;
  /** The invitation a link token belongs to, whatever its state, or null if the token is unknown. */
  findByToken(token: string): Promise<{ orgId: string; invitation: Invitation } | null>;
}

/** Token items outlive their link by the retention period, in epoch seconds (TTL). */
const tokenExpiry = (linkExpiresAt: Date) =>
  Math.floor(linkExpiresAt.getTime() / 1000) + TOKEN_RETENTION_SECONDS;

/** The item that finds an invitation from its link's token, by the token's hash. */
const tokenItem = (
  tokenHash: string,
  orgId: string,
  invitationId: string,
  linkExpiresAt: Date,
) => ({
  ...keys.invitationToken(tokenHash),
  orgId,
  invitationId,
  expiresAt: tokenExpiry(linkExpiresAt),
});

/**
 * `readNext` asks for what opening a link reads after its invitation (the
 * organisation), so that both go in one call (ADR 24).
 */
export function createInvitationRepository(
  db: Db,
  readNext: (orgId: string) => Array<Promise<unknown>> = () => [],
): InvitationRepository {
  /** The audit event of a change to the link, in its record's history (none before the link is first opened). */
  const recordEvent = (
    item: InvitationItem,
    type: 'link-extended' | 'link-withdrawn',
    by: Actor,
    detail: string | null,
    at: string,
  ) =>
    item.recordId
      ? [
          {
            Put: eventPut(
              db,
              { orgId: item.orgId, recordId: item.recordId },
              { type, actor: { kind: 'clinician', ...by }, detail },
              at,
            ).Put,
          },
        ]
      : [];

  /**
   * A change to the link, carried to the record it opened (ADR 25), and the
   * condition that no record was opened since the invitation was read: the
   * record's copy can never miss a change.
   */
  const onRecord = (item: InvitationItem, set: string, values: Record<string, unknown>) => ({
    condition: item.recordId ? 'recordId = :recordId' : 'attribute_not_exists(recordId)',
    values: item.recordId ? { ':recordId': item.recordId } : {},
    writes: item.recordId
      ? [
          updateOne(db, {
            Key: keys.record(item.orgId, item.recordId),
            UpdateExpression: `SET ${set}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: values,
          }),
        ]
      : [],
  });

  /**
   * A change to the link met a patient's save of its record at the same
   * moment (a transaction conflict): 'again', after a pause, a few times.
   */
  const againOnConflict = async (attempt: number, write: Promise<boolean>) => {
    try {
      return await write;
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
      await pauseBeforeRetry(attempt);
      return 'again' as const;
    }
  };

  const toInvitation = (item: InvitationItem): Invitation => ({
    id: item.invitationId,
    aidId: item.aidId,
    aidVersion: item.aidVersion,
    aidTitle: item.aidTitle,
    clinicReference: item.clinicReference,
    status: invitationStatus({ ...item, expiresAt: item.linkExpiresAt }, db.now()),
    createdAt: item.createdAt,
    createdBy: item.createdBy,
    expiresAt: item.linkExpiresAt,
    revokedAt: item.revokedAt,
    recordId: item.recordId,
  });
  const getItem = async (orgId: string, invitationId: string) => {
    const { Item } = await db.send(
      new GetCommand({
        TableName: db.tableName,
        Key: keys.invitation(orgId, invitationId),
        ConsistentRead: true,
      }),
    );
    return Item ? InvitationItem.parse(Item) : null;
  };

  const existingItem = async (orgId: string, invitationId: string) => {
    const item = await getItem(orgId, invitationId);
    if (!item) throw new NotFoundError('invitation');
    return item;
  };

  return {
    async create(orgId, input) {
      const token = newToken();
      const tokenHash = hashToken(token);
      const item: InvitationItem = {
        orgId,
        invitationId: sortableId(db.now()),
        aidId: input.aidId,
        aidVersion: input.aidVersion,
        aidTitle: input.aidTitle,
        clinicReference: input.clinicReference,
        createdAt: db.now().toISOString(),
        createdBy: input.by,
        linkExpiresAt: input.expiresAt.toISOString(),
        revokedAt: null,
        recordId: null,
        recordStatus: null,
        tokenHash,
      };
      await writeTogether(db, [
        putNew(db, {
          ...keys.invitation(orgId, item.invitationId),
          ...item,
          revokedAt: undefined,
          recordId: undefined,
          recordStatus: undefined,
        }),
        putNew(db, tokenItem(tokenHash, orgId, item.invitationId, input.expiresAt)),
      ]);
      return { invitation: toInvitation(item), token };
    },

    list: organisationList(
      db,
      keys.invitationPrefix,
      (item) => toInvitation(InvitationItem.parse(item)),
      { newestFirst: true },
    ),

    async get(orgId, invitationId) {
      const item = await getItem(orgId, invitationId);
      return item ? toInvitation(item) : null;
    },

    async revoke(orgId, invitationId, by) {
      for (let attempt = 1; ; attempt += 1) {
        const item = await existingItem(orgId, invitationId);
        // Withdrawn already, or by someone else at the same moment: the first time stays.
        if (item.revokedAt) return toInvitation(item);
        const now = db.now().toISOString();
        const record = onRecord(item, 'linkRevokedAt = :now', { ':now': now });
        const withdrawn = await againOnConflict(
          attempt,
          conditionHeld(
            writeTogether(db, [
              updateOne(db, {
                Key: keys.invitation(orgId, invitationId),
                UpdateExpression: 'SET revokedAt = :now',
                ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(revokedAt) AND ${record.condition}`,
                ExpressionAttributeValues: { ':now': now, ...record.values },
              }),
              ...record.writes,
              ...recordEvent(item, 'link-withdrawn', by, null, now),
            ]),
          ),
        );
        if (withdrawn === true) return toInvitation({ ...item, revokedAt: now });
        // Its link was opened meanwhile: withdrawn as it is now.
        if (withdrawn === false && attempt >= CONFLICT_ATTEMPTS)
          throw new InvitationChangedError(toInvitation(item));
      }
    },

    async extend(orgId, invitationId, expiresAt, by) {
      for (let attempt = 1; ; attempt += 1) {
        const item = await existingItem(orgId, invitationId);
        if (item.revokedAt) throw new LinkWithdrawnError(toInvitation(item));
        const next = expiresAt.toISOString();
        const record = onRecord(item, 'linkExpiresAt = :next', { ':next': next });
        const extended = await againOnConflict(
          attempt,
          conditionHeld(
            writeTogether(db, [
              updateOne(db, {
                Key: keys.invitation(orgId, invitationId),
                // Also moves an older item's ISO date out of the TTL attribute.
                UpdateExpression: 'SET linkExpiresAt = :next REMOVE expiresAt',
                ConditionExpression:
                  `attribute_exists(pk) AND attribute_not_exists(revokedAt) AND ${record.condition} AND ` +
                  '(linkExpiresAt = :read OR (attribute_not_exists(linkExpiresAt) AND expiresAt = :read))',
                ExpressionAttributeValues: {
                  ':next': next,
                  ':read': item.linkExpiresAt,
                  ...record.values,
                },
              }),
              ...record.writes,
              // The token item must outlive the link it opens; long after an expiry it may be
              // gone already (TTL), so it is written again rather than updated.
              ...(item.tokenHash
                ? [
                    {
                      Put: {
                        TableName: db.tableName,
                        Item: tokenItem(item.tokenHash, orgId, invitationId, expiresAt),
                      },
                    },
                  ]
                : []),
              ...recordEvent(item, 'link-extended', by, next.slice(0, 10), db.now().toISOString()),
            ]),
          ),
        );
        if (extended === 'again') continue;
        if (extended) return toInvitation({ ...item, linkExpiresAt: next });
        const latest = await existingItem(orgId, invitationId);
        if (latest.revokedAt) throw new LinkWithdrawnError(toInvitation(latest));
        throw new InvitationChangedError(toInvitation(latest));
      }
    },

    async findByToken(token) {
      const { Item } = await db.send(
        new GetCommand({ TableName: db.tableName, Key: keys.invitationToken(hashToken(token)) }),
      );
      if (!Item) return null;
      const { orgId, invitationId } = TokenItem.parse(Item);
      const reading = getItem(orgId, invitationId);
      readAhead(() => readNext(orgId));
      const item = await reading;
      return item ? { orgId, invitation: toInvitation(item) } : null;
    },
  };
}
