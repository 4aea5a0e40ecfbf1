import * as z from 'zod';
import {
  MemberEventType,
  MemberRole,
  recentMemberChangesShown,
  type MemberEvent,
} from '#shared/members';
import {
  AuditActor,
  auditEventTypes,
  type AuditEvent,
  type AuditEventType,
} from '#shared/record/schema';
import type { Db, TransactItem } from './db';
import { sortableId } from './ids';
import { keys } from './keys';

/**
 * A record's audit events: items in the record's partition, put once and never
 * changed, written in the same transaction as the change they describe.
 */

export interface NewEvent {
  type: AuditEventType;
  actor: AuditActor;
  detail?: string | null;
}

const EventItem = z.object({
  eventId: z.string(),
  at: z.string(),
  type: z.enum(auditEventTypes),
  actor: AuditActor,
  detail: z.string().nullable().default(null),
});

export function toEvent(raw: Record<string, unknown>): AuditEvent {
  const { eventId, ...event } = EventItem.parse(raw);
  return { id: eventId, ...event };
}

/**
 * The Put of one event, for a transaction, and the event as it reads back.
 * `sequence` orders events written at the same moment (a decision, then its confirmation).
 */
export function eventPut(
  db: Db,
  where: { orgId: string; recordId: string },
  event: NewEvent,
  at: string,
  sequence = 0,
) {
  const eventId = sortableId(new Date(Date.parse(at) + sequence));
  const written: AuditEvent = {
    id: eventId,
    at,
    type: event.type,
    actor: event.actor,
    detail: event.detail ?? null,
  };
  return {
    event: written,
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.recordEvent(where.orgId, where.recordId, eventId),
        eventId,
        at,
        type: written.type,
        actor: written.actor,
        detail: written.detail,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * An organisation's member events: who changed which member, and how. Ids
 * only, never a name or an email address. Put once, in the same transaction
 * as the change, in the organisation's members partition (`keys.memberEvent`).
 */
export interface NewMemberEvent {
  type: MemberEventType;
  actorId: string;
  memberId: string;
  role?: MemberRole | null;
}

const MemberEventItem = z.object({
  eventId: z.string(),
  at: z.string(),
  type: MemberEventType,
  actorId: z.string(),
  memberId: z.string(),
  role: MemberRole.nullable().default(null),
});

export function toMemberEvent(raw: Record<string, unknown>): MemberEvent {
  const { eventId, ...event } = MemberEventItem.parse(raw);
  return { id: eventId, ...event };
}

/**
 * The writes of one member event, for the change's transaction: the event in
 * the audit, and in the members' recent changes (ADR 28), which then keeps the
 * newest `recentMemberChangesShown` of those it held (`recentIds`, newest
 * first, as the change read them). Writers at the same moment may each leave
 * one more: readers take the newest.
 */
export function memberEventWrites(
  db: Db,
  orgId: string,
  event: NewMemberEvent,
  at: string,
  recentIds: readonly string[],
): TransactItem[] {
  const eventId = sortableId(new Date(at));
  const written = {
    eventId,
    at,
    type: event.type,
    actorId: event.actorId,
    memberId: event.memberId,
    role: event.role ?? null,
  };
  const older = recentIds.slice(recentMemberChangesShown - 1);
  const names: Record<string, string> = { '#new': keys.recentMemberChangeAttribute(eventId) };
  older.forEach((id, i) => (names[`#old${i}`] = keys.recentMemberChangeAttribute(id)));
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.memberEvent(orgId, eventId), ...written },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: db.tableName,
        Key: keys.recentMemberChanges(orgId),
        UpdateExpression:
          'SET #new = :event' +
          (older.length > 0 ? ` REMOVE ${older.map((_, i) => `#old${i}`).join(', ')}` : ''),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':event': written },
      },
    },
  ];
}

/**
 * The members' recent changes as their item holds them, newest first, and
 * whether it holds the newest of the audit (`complete`, ADR 28).
 */
export interface RecentMemberChanges {
  events: MemberEvent[];
  complete: boolean;
}

export function recentMemberChangesIn(
  item: Record<string, unknown> | undefined,
): RecentMemberChanges {
  const prefix = keys.recentMemberChangeAttribute('');
  const events = Object.entries(item ?? {})
    .filter(([name]) => name.startsWith(prefix))
    .map(([, value]) => toMemberEvent(value as Record<string, unknown>))
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { events, complete: item?.['complete'] === true };
}
