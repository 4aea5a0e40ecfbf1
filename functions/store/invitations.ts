import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { Actor } from '#shared/aids';
import type { Pagination } from '#shared/ids';
import { invitationStatus, type Invitation, type InvitationPage } from '#shared/invitations';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor';
import type { Db } from './db';
import { ConditionFailedError, NotFoundError } from './errors';
import { sortableId } from './ids';
import { keys } from './keys';
import { hashToken, newToken } from './sessions';

/** Token items outlive their invitation, so an expired link says "expired" rather than "unknown". */
const TOKEN_RETENTION_SECONDS = 90 * 24 * 3600;

export const InvitationItem = z.object({
  orgId: z.string(),
  invitationId: z.string(),
  aidId: z.string(),
  aidVersion: z.int(),
  aidTitle: z.string(),
  clinicReference: z.string().nullable(),
  createdAt: z.string(),
  createdBy: Actor,
  expiresAt: z.string(),
  // Absent until they happen, so that conditions can test attribute_not_exists.
  revokedAt: z.string().nullable().default(null),
  recordId: z.string().nullable().default(null),
  recordStatus: z.enum(['in-progress', 'ready', 'decided']).nullable().default(null),
});
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
  /** The stored invitation, as the patient side reads it. */
  getItem(orgId: string, invitationId: string): Promise<InvitationItem | null>;
  /** Revokes once; revoking again keeps the first time. */
  revoke(orgId: string, invitationId: string): Promise<Invitation>;
  /** The invitation a link token belongs to, whatever its state, or null if the token is unknown. */
  findByToken(token: string): Promise<InvitationItem | null>;
}

export function createInvitationRepository(db: Db): InvitationRepository {
  const toInvitation = (item: InvitationItem): Invitation => ({
    id: item.invitationId,
    aidId: item.aidId,
    aidVersion: item.aidVersion,
    aidTitle: item.aidTitle,
    clinicReference: item.clinicReference,
    status: invitationStatus(item, db.now()),
    createdAt: item.createdAt,
    createdBy: item.createdBy,
    expiresAt: item.expiresAt,
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

  return {
    async create(orgId, input) {
      const token = newToken();
      const item: InvitationItem = {
        orgId,
        invitationId: sortableId(db.now()),
        aidId: input.aidId,
        aidVersion: input.aidVersion,
        aidTitle: input.aidTitle,
        clinicReference: input.clinicReference,
        createdAt: db.now().toISOString(),
        createdBy: input.by,
        expiresAt: input.expiresAt.toISOString(),
        revokedAt: null,
        recordId: null,
        recordStatus: null,
      };
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...keys.invitation(orgId, item.invitationId),
                  ...item,
                  revokedAt: undefined,
                  recordId: undefined,
                  recordStatus: undefined,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...keys.invitationToken(hashToken(token)),
                  orgId,
                  invitationId: item.invitationId,
                  expiresAt: Math.floor(input.expiresAt.getTime() / 1000) + TOKEN_RETENTION_SECONDS,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { invitation: toInvitation(item), token };
    },

    async list(orgId, { limit, cursor }) {
      const start = decodeCursor(cursor);
      if (start && !start.sk.startsWith(keys.invitationPrefix)) throw new InvalidCursorError();
      const { pk } = keys.organisation(orgId);
      const result = await db.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.invitationPrefix },
          ScanIndexForward: false,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: { pk, sk: start.sk } } : {}),
        }),
      );
      return {
        items: (result.Items ?? []).map((item) => toInvitation(InvitationItem.parse(item))),
        nextCursor: encodeCursor(result.LastEvaluatedKey),
      };
    },

    async get(orgId, invitationId) {
      const item = await getItem(orgId, invitationId);
      return item ? toInvitation(item) : null;
    },

    getItem,

    async revoke(orgId, invitationId) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: keys.invitation(orgId, invitationId),
            UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':now': db.now().toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toInvitation(InvitationItem.parse(Attributes));
      } catch (error) {
        if (error instanceof ConditionFailedError) throw new NotFoundError('invitation');
        throw error;
      }
    },

    async findByToken(token) {
      const { Item } = await db.send(
        new GetCommand({ TableName: db.tableName, Key: keys.invitationToken(hashToken(token)) }),
      );
      if (!Item) return null;
      const { orgId, invitationId } = TokenItem.parse(Item);
      return getItem(orgId, invitationId);
    },
  };
}
