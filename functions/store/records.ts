import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { PatientAnswers, RecordStatus, type DecisionRecord } from '#shared/record';
import type { Db } from './db';
import { ConditionFailedError, NotFoundError, StaleRevisionError } from './errors';
import { sortableId } from './ids';
import { InvitationItem } from './invitations';
import { keys } from './keys';

const RecordItem = z.object({
  recordId: z.string(),
  orgId: z.string(),
  invitationId: z.string(),
  aidId: z.string(),
  aidVersion: z.int(),
  status: RecordStatus,
  currentStep: z.int(),
  answers: PatientAnswers,
  revision: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  readyAt: z.string().nullable(),
});

function toRecord(raw: Record<string, unknown>): DecisionRecord {
  const item = RecordItem.parse(raw);
  return {
    id: item.recordId,
    invitationId: item.invitationId,
    aidId: item.aidId,
    aidVersion: item.aidVersion,
    status: item.status,
    currentStep: item.currentStep,
    answers: item.answers,
    revision: item.revision,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    readyAt: item.readyAt,
  };
}

export interface RecordRepository {
  /** The record of an invitation, created the first time the link is opened, pinned to its aid version. */
  openFor(invitation: InvitationItem): Promise<DecisionRecord>;
  get(orgId: string, recordId: string): Promise<DecisionRecord | null>;
  /** Saves answers and progress if the record is still at `expectedRevision`. */
  save(
    orgId: string,
    recordId: string,
    expectedRevision: number,
    change: { answers: PatientAnswers; currentStep: number },
  ): Promise<DecisionRecord>;
  /** "I'm ready for my appointment": the record and its invitation say so together. */
  markReady(orgId: string, recordId: string, expectedRevision: number): Promise<DecisionRecord>;
}

export function createRecordRepository(db: Db): RecordRepository {
  const getRecord = async (orgId: string, recordId: string) => {
    const { Item } = await db.send(
      new GetCommand({
        TableName: db.tableName,
        Key: keys.record(orgId, recordId),
        ConsistentRead: true,
      }),
    );
    return Item ? toRecord(Item) : null;
  };
  const stale = async (orgId: string, recordId: string): Promise<never> => {
    const current = await getRecord(orgId, recordId);
    if (!current) throw new NotFoundError('record');
    throw new StaleRevisionError(current);
  };

  return {
    async openFor(invitation) {
      const { orgId } = invitation;
      if (invitation.recordId) {
        const existing = await getRecord(orgId, invitation.recordId);
        if (existing) return existing;
      }
      const now = db.now().toISOString();
      const item = {
        recordId: sortableId(db.now()),
        orgId,
        invitationId: invitation.invitationId,
        aidId: invitation.aidId,
        aidVersion: invitation.aidVersion,
        status: 'in-progress' as const,
        currentStep: 1,
        answers: PatientAnswers.parse({}),
        revision: 1,
        createdAt: now,
        updatedAt: now,
        readyAt: null,
      };
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: db.tableName,
                  Item: { ...keys.record(orgId, item.recordId), ...item },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: db.tableName,
                  Key: keys.invitation(orgId, invitation.invitationId),
                  UpdateExpression:
                    'SET recordId = :recordId, recordStatus = :status, openedAt = :now',
                  // Once: a second device opening the link at the same moment finds this record.
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(recordId)',
                  ExpressionAttributeValues: {
                    ':recordId': item.recordId,
                    ':status': 'in-progress',
                    ':now': now,
                  },
                },
              },
            ],
          }),
        );
        return toRecord(item);
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        const { Item } = await db.send(
          new GetCommand({
            TableName: db.tableName,
            Key: keys.invitation(orgId, invitation.invitationId),
            ConsistentRead: true,
          }),
        );
        const recordId = Item ? InvitationItem.parse(Item).recordId : null;
        const record = recordId ? await getRecord(orgId, recordId) : null;
        if (!record) throw error;
        return record;
      }
    },

    get: getRecord,

    async save(orgId, recordId, expectedRevision, { answers, currentStep }) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: keys.record(orgId, recordId),
            UpdateExpression:
              'SET answers = :answers, currentStep = :step, revision = :next, updatedAt = :now',
            ConditionExpression:
              'attribute_exists(pk) AND revision = :expected AND #status <> :decided',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':answers': answers,
              ':step': currentStep,
              ':next': expectedRevision + 1,
              ':expected': expectedRevision,
              ':now': db.now().toISOString(),
              ':decided': 'decided',
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toRecord(Attributes ?? {});
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        return stale(orgId, recordId);
      }
    },

    async markReady(orgId, recordId, expectedRevision) {
      const current = await getRecord(orgId, recordId);
      if (!current) throw new NotFoundError('record');
      const now = db.now().toISOString();
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: db.tableName,
                  Key: keys.record(orgId, recordId),
                  UpdateExpression:
                    'SET #status = :ready, readyAt = :now, revision = :next, updatedAt = :now',
                  ConditionExpression: 'revision = :expected AND #status <> :decided',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':ready': 'ready',
                    ':now': now,
                    ':next': expectedRevision + 1,
                    ':expected': expectedRevision,
                    ':decided': 'decided',
                  },
                },
              },
              {
                Update: {
                  TableName: db.tableName,
                  Key: keys.invitation(orgId, current.invitationId),
                  UpdateExpression: 'SET recordStatus = :ready',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':ready': 'ready' },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        return stale(orgId, recordId);
      }
      return {
        ...current,
        status: 'ready',
        readyAt: now,
        revision: expectedRevision + 1,
        updatedAt: now,
      };
    },
  };
}
