import * as z from 'zod';
import { MemberEventType, MemberRole, type MemberEvent } from '#shared/members';
import {
  AuditActor,
  auditEventTypes,
  type AuditEvent,
  type AuditEventType,
} from '#shared/record/schema';
import type { Db } from './db';
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

/** The Put of one member event, for a transaction. */
export function memberEventPut(db: Db, orgId: string, event: NewMemberEvent, at: string) {
  const eventId = sortableId(new Date(at));
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.memberEvent(orgId, eventId),
        eventId,
        at,
        type: event.type,
        actorId: event.actorId,
        memberId: event.memberId,
        role: event.role ?? null,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
