import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '#shared/invitations';
import * as z from 'zod';
import {
  PatientAnswers,
  RecordStatus,
  type AuditEvent,
  type DecisionRecord,
  type RecordPage,
  type RecordSummary,
} from '#shared/record/schema';
import { Amendment, Decision, PatientConfirmation } from '#shared/record/decision';
import { recordStatuses } from '#shared/record/lifecycle';
import { importantRowIds } from '#shared/record/summary';
import { conditionHeld, putNew, updateOne, writeTogether, type Db } from './db';
import {
  ConditionFailedError,
  LinkChangedError,
  NotFoundError,
  RecordChangedError,
} from './errors';
import { sortableId } from './ids';
import { InvitationItem, invitedAidFields } from './invitations';
import { eventPut, toEvent, type NewEvent } from './audit-events';
import { idPattern, keys } from './keys';
import { queryPage } from './pages';

const RecordItem = z.object({
  recordId: z.string(),
  ...invitedAidFields,
  status: RecordStatus,
  statusAt: z.string(),
  currentStep: z.int(),
  answers: PatientAnswers,
  revision: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  readyAt: z.string().nullable(),
  // Absent until they happen.
  decision: Decision.nullable().default(null),
  /** Amendments are items of their own beside the record (`AMEND#…`): a record never outgrows one item. */
  amendmentCount: z.int().default(0),
  patientConfirmation: PatientConfirmation.nullable().default(null),
  /**
   * The state of the link that opened the record, kept here as the invitation
   * changes (ADR 25), so that reading the record needs no second read. Records
   * opened before have none: their invitation is read instead.
   */
  linkExpiresAt: z.string().optional(),
  linkRevokedAt: z.string().optional(),
});
type RecordItem = z.infer<typeof RecordItem>;

/** Whether the patient's link still opens: when it ends, and when it was withdrawn. */
export interface LinkState {
  expiresAt: string;
  revokedAt: string | null;
}

/** The record's copy of its link's state (ADR 25). Made once: zod compiles a schema's parser on its first use. */
const LinkStateItem = RecordItem.pick({ linkExpiresAt: true, linkRevokedAt: true });

const SummaryItem = RecordItem.pick({
  recordId: true,
  invitationId: true,
  aidId: true,
  aidVersion: true,
  aidTitle: true,
  clinicReference: true,
  status: true,
  statusAt: true,
  createdAt: true,
});

/** A record's summary from its parsed item: the stored fields in the same order, the id renamed. */
function summaryOf(item: z.output<typeof SummaryItem>): RecordSummary {
  return {
    id: item.recordId,
    invitationId: item.invitationId,
    aidId: item.aidId,
    aidVersion: item.aidVersion,
    aidTitle: item.aidTitle,
    clinicReference: item.clinicReference,
    status: item.status,
    statusAt: item.statusAt,
    createdAt: item.createdAt,
  };
}

function toSummary(raw: Record<string, unknown>): RecordSummary {
  return summaryOf(SummaryItem.parse(raw));
}

function toRecord(raw: Record<string, unknown>, amendments: Amendment[]): DecisionRecord {
  // Parsed once, every read.
  const item = RecordItem.parse(raw);
  return {
    ...summaryOf(item),
    currentStep: item.currentStep,
    answers: item.answers,
    revision: item.revision,
    updatedAt: item.updatedAt,
    readyAt: item.readyAt,
    decision: item.decision,
    amendments,
    patientConfirmation: item.patientConfirmation,
  };
}

/** Index attributes that place a record in its organisation's and its aid's lists. */
function listKeys(orgId: string, item: Pick<RecordItem, 'aidId' | 'recordId'>, sortKey: string) {
  return {
    gsi1pk: keys.recordLists.ofOrganisation(orgId),
    gsi1sk: sortKey,
    gsi2pk: keys.recordLists.ofAid(orgId, item.aidId),
    gsi2sk: sortKey,
  };
}

/** A move of the record (see shared/record/lifecycle.ts), written with its audit events. */
export interface RecordChange {
  to: RecordStatus;
  events: NewEvent[];
  readyAt?: string;
  decision?: Decision;
  patientConfirmation?: PatientConfirmation;
  /** Appended to the amendments, never replacing one. */
  amendment?: Amendment;
}

export interface RecordListQuery {
  status?: RecordStatus | undefined;
  aidId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Counts of one aid version's records: by status, and by each row rated important. */
export interface VersionCounts {
  byStatus: Record<RecordStatus, number>;
  /** Records in which the patient rated anything. */
  rated: number;
  important: Record<string, number>;
}

export interface RecordRepository {
  /** The record of an invitation, created the first time the link is opened, pinned to its aid version. */
  openFor(orgId: string, invitation: Invitation): Promise<DecisionRecord>;
  get(orgId: string, recordId: string): Promise<DecisionRecord | null>;
  /** The record and its audit events, newest first, in one Query of the record's partition. */
  getWithHistory(
    orgId: string,
    recordId: string,
  ): Promise<{ record: DecisionRecord; history: AuditEvent[]; link: LinkState | null } | null>;
  /** A page of the organisation's records (or one aid's), ready ones first, newest first in each status. */
  list(orgId: string, query: RecordListQuery): Promise<RecordPage>;
  /**
   * Saves the patient's answers if the record is still as `current` was read
   * (RecordChangedError otherwise), keeping the version's counts of important rows.
   */
  save(
    orgId: string,
    current: DecisionRecord,
    change: { answers: PatientAnswers; currentStep: number },
  ): Promise<DecisionRecord>;
  /**
   * Moves the record, if it is still as `current` was read: the record, its
   * invitation's status, the version's counts and the audit event in one
   * transaction, so that none is written without the others.
   */
  transition(
    orgId: string,
    current: DecisionRecord,
    change: RecordChange,
  ): Promise<{ record: DecisionRecord; events: AuditEvent[] }>;
  /** An event that changes nothing else, such as a clinician opening the record. */
  addEvent(orgId: string, recordId: string, event: NewEvent): Promise<AuditEvent>;
  versionCounts(orgId: string, aidId: string, version: number): Promise<VersionCounts>;
}

/** Stats attribute names: `records#ready`, `important#{rowId}` (names, not paths, so ADD creates them). */
const statusCount = (status: RecordStatus) => `records#${status}`;
const importantCount = (rowId: string) => `important#${rowId}`;

/** Records with any rating: the patients the important rows are counted among. */
const RATED = 'rated';
function ratedDelta(before: PatientAnswers['ratings'], after: PatientAnswers['ratings']) {
  const had = Object.keys(before).length > 0;
  const has = Object.keys(after).length > 0;
  return had === has ? [] : [[RATED, has ? 1 : -1] as const];
}

/** `ADD` clauses for counters, with their names and values. */
function counterUpdate(deltas: ReadonlyArray<readonly [string, number]>) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const clauses = deltas.map(([name, delta], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = delta;
    return `#c${i} :c${i}`;
  });
  return {
    UpdateExpression: `ADD ${clauses.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

export function createRecordRepository(db: Db): RecordRepository {
  /**
   * The record's partition in one Query, newest first: the record ('RECORD'
   * sorts last), then its events ('EVENT#…'), then its amendments ('AMEND#…').
   */
  const readPartition = async (orgId: string, recordId: string) => {
    const items: Array<Record<string, unknown>> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.record(orgId, recordId).pk },
          ScanIndexForward: false,
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const [first, ...rest] = items;
    if (!first || first['sk'] !== 'RECORD') return null;
    const startsWith = (prefix: string) => (item: Record<string, unknown>) =>
      String(item['sk']).startsWith(prefix);
    const amendments = rest
      .filter(startsWith(keys.recordAmendmentPrefix))
      .reverse()
      .map((item) => Amendment.parse(item));
    const { linkExpiresAt, linkRevokedAt } = LinkStateItem.parse(first);
    return {
      record: toRecord(first, amendments),
      history: rest.filter(startsWith(keys.recordEventPrefix)).map(toEvent),
      link: linkExpiresAt ? { expiresAt: linkExpiresAt, revokedAt: linkRevokedAt ?? null } : null,
    };
  };
  const getRecord = async (orgId: string, recordId: string) =>
    (await readPartition(orgId, recordId))?.record ?? null;
  /** The record changed since it was read: what it is now goes with the error. */
  const stale = async (orgId: string, recordId: string): Promise<never> => {
    const latest = await getRecord(orgId, recordId);
    if (!latest) throw new NotFoundError('record');
    throw new RecordChangedError(latest);
  };
  const statsUpdate = (
    orgId: string,
    record: Pick<RecordItem, 'aidId' | 'aidVersion'>,
    deltas: ReadonlyArray<readonly [string, number]>,
  ) => ({
    Update: {
      TableName: db.tableName,
      Key: keys.aidVersionStats(orgId, record.aidId, record.aidVersion),
      ...counterUpdate(deltas),
    },
  });

  return {
    async openFor(orgId, invitation) {
      if (invitation.recordId) {
        const existing = await getRecord(orgId, invitation.recordId);
        if (existing) return existing;
      }
      const now = db.now().toISOString();
      const item: RecordItem = {
        recordId: sortableId(db.now()),
        orgId,
        invitationId: invitation.id,
        aidId: invitation.aidId,
        aidVersion: invitation.aidVersion,
        aidTitle: invitation.aidTitle,
        clinicReference: invitation.clinicReference,
        status: 'in-progress',
        statusAt: now,
        currentStep: 1,
        answers: PatientAnswers.parse({}),
        revision: 1,
        createdAt: now,
        updatedAt: now,
        readyAt: null,
        decision: null,
        amendmentCount: 0,
        patientConfirmation: null,
        linkExpiresAt: invitation.expiresAt,
      };
      try {
        await writeTogether(db, [
          putNew(db, {
            ...keys.record(orgId, item.recordId),
            ...listKeys(orgId, item, keys.recordLists.sortKey('in-progress', now, item.recordId)),
            ...item,
            decision: undefined,
            patientConfirmation: undefined,
          }),
          updateOne(db, {
            Key: keys.invitation(orgId, invitation.id),
            UpdateExpression: 'SET recordId = :recordId, recordStatus = :status, openedAt = :now',
            // Once: a second device opening the link at the same moment finds this record.
            // And only while the link is as read, since the record keeps a copy of it.
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(recordId) AND attribute_not_exists(revokedAt) AND ' +
              '(linkExpiresAt = :expiresAt OR (attribute_not_exists(linkExpiresAt) AND expiresAt = :expiresAt))',
            ExpressionAttributeValues: {
              ':recordId': item.recordId,
              ':status': item.status,
              ':now': now,
              ':expiresAt': invitation.expiresAt,
            },
          }),
          {
            Put: eventPut(
              db,
              { orgId, recordId: item.recordId },
              { type: 'opened', actor: { kind: 'patient' } },
              now,
            ).Put,
          },
          statsUpdate(orgId, item, [[statusCount('in-progress'), 1]]),
        ]);
        return toRecord(item, []);
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        const { Item } = await db.send(
          new GetCommand({
            TableName: db.tableName,
            Key: keys.invitation(orgId, invitation.id),
            ConsistentRead: true,
          }),
        );
        const latest = Item ? InvitationItem.parse(Item) : null;
        const record = latest?.recordId ? await getRecord(orgId, latest.recordId) : null;
        if (record) return record;
        // Withdrawn or extended since it was read: the caller looks at it again.
        if (latest) throw new LinkChangedError();
        throw error;
      }
    },

    get: getRecord,

    getWithHistory: readPartition,

    list(orgId, { status, aidId, limit, cursor }) {
      const [index, partition] = aidId
        ? (['gsi2', keys.recordLists.ofAid(orgId, aidId)] as const)
        : (['gsi1', keys.recordLists.ofOrganisation(orgId)] as const);
      return queryPage(db, {
        index: {
          name: index,
          tableKeyOf: (sortKey) => {
            const recordId = keys.recordLists.recordIdOf(sortKey);
            return idPattern.test(recordId) ? keys.record(orgId, recordId) : null;
          },
        },
        partition: { name: `${index}pk`, value: partition },
        sortKey: {
          name: `${index}sk`,
          prefix: status ? keys.recordLists.statusPrefix(status) : '',
        },
        newestFirst: true,
        limit,
        cursor,
        read: toSummary,
      });
    },

    async save(orgId, current, { answers, currentStep }) {
      const now = db.now().toISOString();
      const recordUpdate = {
        TableName: db.tableName,
        Key: keys.record(orgId, current.id),
        UpdateExpression:
          'SET answers = :answers, currentStep = :step, revision = :next, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND revision = :expected',
        ExpressionAttributeValues: {
          ':answers': answers,
          ':step': currentStep,
          ':next': current.revision + 1,
          ':expected': current.revision,
          ':now': now,
        },
      };
      const before = importantRowIds(current.answers.ratings);
      const after = importantRowIds(answers.ratings);
      const deltas = [
        ...[...after].filter((id) => !before.has(id)).map((id) => [importantCount(id), 1] as const),
        ...[...before]
          .filter((id) => !after.has(id))
          .map((id) => [importantCount(id), -1] as const),
        ...ratedDelta(current.answers.ratings, answers.ratings),
      ];
      try {
        if (deltas.length === 0) {
          const { Attributes } = await db.send(
            new UpdateCommand({ ...recordUpdate, ReturnValues: 'ALL_NEW' }),
          );
          return toRecord(Attributes ?? {}, current.amendments);
        }
        // The counts follow the answers exactly: both are written, or neither.
        await writeTogether(db, [{ Update: recordUpdate }, statsUpdate(orgId, current, deltas)]);
        return {
          ...current,
          answers,
          currentStep,
          revision: current.revision + 1,
          updatedAt: now,
        };
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        return stale(orgId, current.id);
      }
    },

    async transition(orgId, current, change) {
      const now = db.now().toISOString();
      const moves = change.to !== current.status;
      const set: Record<string, unknown> = {
        revision: current.revision + 1,
        updatedAt: now,
        ...(moves
          ? {
              status: change.to,
              statusAt: now,
              ...listKeys(
                orgId,
                { aidId: current.aidId, recordId: current.id },
                keys.recordLists.sortKey(change.to, now, current.id),
              ),
            }
          : {}),
        ...(change.readyAt ? { readyAt: change.readyAt } : {}),
        ...(change.decision ? { decision: change.decision } : {}),
        ...(change.patientConfirmation ? { patientConfirmation: change.patientConfirmation } : {}),
      };
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':expected': current.revision };
      const clauses = Object.entries(set).map(([name, value], i) => {
        names[`#s${i}`] = name;
        values[`:s${i}`] = value;
        return `#s${i} = :s${i}`;
      });
      if (change.amendment) {
        names['#amendments'] = 'amendmentCount';
        values[':zero'] = 0;
        values[':one'] = 1;
        clauses.push('#amendments = if_not_exists(#amendments, :zero) + :one');
      }
      const events = change.events.map((event, i) =>
        eventPut(db, { orgId, recordId: current.id }, event, now, i),
      );
      const written = await conditionHeld(
        writeTogether(db, [
          updateOne(db, {
            Key: keys.record(orgId, current.id),
            UpdateExpression: `SET ${clauses.join(', ')}`,
            // Every change raises the revision: nothing changed since `current` was read.
            ConditionExpression: 'attribute_exists(pk) AND revision = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
          ...events.map(({ Put }) => ({ Put })),
          ...(change.amendment
            ? [
                putNew(db, {
                  ...keys.recordAmendment(orgId, current.id, sortableId(new Date(now))),
                  ...change.amendment,
                }),
              ]
            : []),
          ...(moves
            ? [
                updateOne(db, {
                  Key: keys.invitation(orgId, current.invitationId),
                  UpdateExpression: 'SET recordStatus = :status',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':status': change.to },
                }),
                statsUpdate(orgId, current, [
                  [statusCount(current.status), -1],
                  [statusCount(change.to), 1],
                ]),
              ]
            : []),
        ]),
      );
      if (!written) return stale(orgId, current.id);
      const record: DecisionRecord = {
        ...current,
        revision: current.revision + 1,
        updatedAt: now,
        ...(moves ? { status: change.to, statusAt: now } : {}),
        ...(change.readyAt ? { readyAt: change.readyAt } : {}),
        ...(change.decision ? { decision: change.decision } : {}),
        ...(change.patientConfirmation ? { patientConfirmation: change.patientConfirmation } : {}),
        amendments: change.amendment
          ? [...current.amendments, change.amendment]
          : current.amendments,
      };
      // Newest first, as histories are read.
      return { record, events: events.map(({ event }) => event).reverse() };
    },

    async addEvent(orgId, recordId, event) {
      const { Put, event: written } = eventPut(
        db,
        { orgId, recordId },
        event,
        db.now().toISOString(),
      );
      await db.send(new PutCommand(Put));
      return written;
    },

    async versionCounts(orgId, aidId, version) {
      const { Item = {} } = await db.send(
        new GetCommand({
          TableName: db.tableName,
          Key: keys.aidVersionStats(orgId, aidId, version),
        }),
      );
      const count = (name: string) => {
        const value = Item[name];
        return typeof value === 'number' && value > 0 ? value : 0;
      };
      const important: Record<string, number> = {};
      for (const name of Object.keys(Item)) {
        if (name.startsWith('important#')) important[name.slice('important#'.length)] = count(name);
      }
      return {
        byStatus: Object.fromEntries(
          recordStatuses.map((status) => [status, count(statusCount(status))]),
        ) as Record<RecordStatus, number>,
        rated: count(RATED),
        important,
      };
    },
  };
}
