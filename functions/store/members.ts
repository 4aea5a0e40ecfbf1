import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Pagination } from '#shared/ids';
import {
  recentMemberChangesShown,
  type Member,
  type MemberEventPage,
  type MemberPage,
  type MemberRole,
} from '#shared/members';
import {
  memberEventWrites,
  recentMemberChangesIn,
  toMemberEvent,
  type RecentMemberChanges,
} from './audit-events';
import {
  CONFLICT_ATTEMPTS,
  isTransactionConflict,
  pauseBeforeRetry,
  putNew,
  updateOne,
  writeTogether,
  type Db,
} from './db';
import {
  ConditionFailedError,
  LastAdminError,
  MemberChangedError,
  MemberEmailTakenError,
  NotFoundError,
  StoreUnavailableError,
} from './errors';
import { sortableId } from './ids';
import { keys, type ItemKey } from './keys';
import { encodeCursor, organisationList, queryPage } from './pages';
import { ClinicianItem, memberEmailKey } from './people';
import type { Principal } from './principal';

/**
 * An organisation's members (ADR 17). The rules hold in the writes themselves,
 * not in reads before them:
 * - an email address is claimed by one member anywhere (`keys.memberEmail`,
 *   put with `attribute_not_exists`);
 * - the organisation item counts its active admins (`adminCount`: an invited
 *   admin counts from their first sign-in), and a demotion or removal of one
 *   decrements it only while it is above 1, in the same transaction: two
 *   admins demoting each other at once cannot both succeed, and an admin
 *   cannot leave the organisation to someone who has never signed in;
 * - every change puts its audit event in the same transaction, and the event
 *   into the members' recent changes (ADR 28), one item that the members page
 *   reads with its session.
 */

export interface NewMemberInput {
  email: string;
  name: string;
  role: MemberRole;
}

export interface MemberRepository {
  /** The organisation's members, a page at a time (in order of their ids). */
  list(orgId: string, page: Pagination): Promise<MemberPage>;
  get(orgId: string, memberId: string): Promise<Member | null>;
  /** Whether a member anywhere has this email address. */
  emailTaken(email: string): Promise<boolean>;
  /** An invited member, their email claim and the event; MemberEmailTakenError if the address is claimed. */
  invite(orgId: string, input: NewMemberInput, actorId: string): Promise<Member>;
  /** NotFoundError; LastAdminError for the last admin's demotion. The same role again changes nothing. */
  changeRole(orgId: string, memberId: string, role: MemberRole, actorId: string): Promise<Member>;
  /**
   * Deletes the member, their identity and their email claim: their next
   * request is refused (401). NotFoundError; LastAdminError for the last admin.
   */
  remove(orgId: string, memberId: string, actorId: string): Promise<Member>;
  /** The members' audit, newest first; its first page from the recent changes (ADR 28). */
  events(orgId: string, page: Pagination): Promise<MemberEventPage>;
  /** The item `events` answers its first page from, newest first: for reading it with the session. */
  readRecentChanges(orgId: string): Promise<RecentMemberChanges>;
  /**
   * A first sign-in: links the subject to the invited member whose email
   * address this is, and makes them active. Null when no invited member has it
   * (or it is someone's already). The caller vouches that the provider verified the address.
   */
  linkByEmail(subject: string, email: string): Promise<Principal | null>;
}

const EmailClaim = z.object({ orgId: z.string(), clinicianId: z.string() });

export function toMember(item: ClinicianItem): Member {
  return {
    id: item.clinicianId,
    name: item.name,
    email: item.email,
    role: item.role,
    status: item.status,
    invitedAt: item.invitedAt,
    joinedAt: item.joinedAt,
  };
}

export function createMemberRepository(db: Db): MemberRepository {
  const { tableName } = db;

  /** An item as it is now: every read here is one a change builds on. */
  const currentItem = async (Key: ItemKey, projection?: string) =>
    (
      await db.send(
        new GetCommand({
          TableName: tableName,
          Key,
          ConsistentRead: true,
          ...(projection ? { ProjectionExpression: projection } : {}),
        }),
      )
    ).Item;

  const getMember = async (orgId: string, memberId: string) => {
    const item = await currentItem(keys.clinician(orgId, memberId));
    return item ? ClinicianItem.parse(item) : null;
  };

  /**
   * The members' recent changes (ADR 28), read consistently: a change builds on
   * them, and the members page asks for them with its session (one call).
   */
  const readRecentChanges = async (orgId: string) =>
    recentMemberChangesIn(await currentItem(keys.recentMemberChanges(orgId)));

  /** The ids a change's event joins, newest first. */
  const recentIds = async (orgId: string) =>
    (await readRecentChanges(orgId)).events.map((event) => event.id);

  const eventsPage = (orgId: string, { limit, cursor }: Pagination) =>
    queryPage(db, {
      partition: { name: 'pk', value: keys.memberEvent(orgId, '').pk },
      sortKey: { name: 'sk', prefix: keys.memberEventPrefix },
      newestFirst: true,
      limit,
      cursor,
      read: toMemberEvent,
    });

  /**
   * The first page of the audit for an organisation whose recent changes do
   * not hold it yet (changed before they existed): read from the audit, then
   * added to them, once. An event written meanwhile stays (`if_not_exists`).
   */
  const firstEventsPageKept = async (orgId: string, limit: number): Promise<MemberEventPage> => {
    const newest = await eventsPage(orgId, { limit: recentMemberChangesShown });
    const names: Record<string, string> = { '#complete': 'complete' };
    const values: Record<string, unknown> = { ':complete': true };
    const clauses = newest.items.map(({ id, ...event }, n) => {
      names[`#e${n}`] = keys.recentMemberChangeAttribute(id);
      values[`:e${n}`] = { eventId: id, ...event };
      return `#e${n} = if_not_exists(#e${n}, :e${n})`;
    });
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.recentMemberChanges(orgId),
        UpdateExpression: `SET ${[...clauses, '#complete = :complete'].join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    const items = newest.items.slice(0, limit);
    return {
      items,
      nextCursor:
        newest.items.length > limit
          ? encodeCursor(keys.memberEvent(orgId, items.at(-1)!.id).sk)
          : newest.nextCursor,
    };
  };

  const adminCount = async (orgId: string) => {
    const item = await currentItem(keys.organisation(orgId), 'adminCount');
    return typeof item?.['adminCount'] === 'number' ? item['adminCount'] : 0;
  };

  /**
   * The member is as it was read: role and status. Items older than roles have
   * neither, and read as active clinicians.
   */
  const asRead = (item: ClinicianItem) => ({
    condition: [
      item.role === 'clinician'
        ? '(attribute_not_exists(#role) OR #role = :readRole)'
        : '#role = :readRole',
      item.status === 'active'
        ? '(attribute_not_exists(#status) OR #status = :readStatus)'
        : '#status = :readStatus',
    ].join(' AND '),
    names: { '#role': 'role', '#status': 'status' },
    values: { ':readRole': item.role, ':readStatus': item.status },
  });

  /** Whether the member counts in `adminCount`: an admin who has signed in. */
  const countsAsAdmin = (item: { role: MemberRole; status: ClinicianItem['status'] }) =>
    item.role === 'admin' && item.status === 'active';

  /** The organisation's count of admins, one up or (only while more than one is left) one down. */
  const countAdmins = (orgId: string, change: 1 | -1) => ({
    Update: {
      TableName: tableName,
      Key: keys.organisation(orgId),
      ...(change === 1
        ? {
            UpdateExpression: 'ADD adminCount :one',
            ConditionExpression: 'attribute_exists(pk)',
          }
        : {
            UpdateExpression: 'SET adminCount = adminCount - :one',
            ConditionExpression: 'adminCount > :one',
          }),
      ExpressionAttributeValues: { ':one': 1 },
    },
  });

  /**
   * Reads the member, writes the change, and on a refused condition reads
   * again to say why: gone, the last admin, or changed meanwhile (then it is
   * tried again from the new reading).
   */
  async function change<T>(
    orgId: string,
    memberId: string,
    write: (item: ClinicianItem, recent: string[]) => Promise<T>,
    lastAdmin: LastAdminError,
    demotes: (item: ClinicianItem) => boolean,
  ): Promise<T> {
    for (let attempt = 0; attempt < CONFLICT_ATTEMPTS; attempt += 1) {
      // In a request, both go in one batch (ADR 21).
      const [item, recent] = await Promise.all([getMember(orgId, memberId), recentIds(orgId)]);
      if (!item) throw new NotFoundError('member');
      try {
        return await write(item, recent);
      } catch (error) {
        if (isTransactionConflict(error)) {
          await pauseBeforeRetry(attempt);
          continue;
        }
        if (!(error instanceof ConditionFailedError)) throw error;
        const latest = await getMember(orgId, memberId);
        if (!latest) throw new NotFoundError('member');
        if (
          latest.role === item.role &&
          latest.status === item.status &&
          demotes(item) &&
          (await adminCount(orgId)) <= 1
        ) {
          throw lastAdmin;
        }
      }
    }
    throw new MemberChangedError();
  }

  return {
    list: organisationList(db, keys.clinicianPrefix, (item) => toMember(ClinicianItem.parse(item))),

    async get(orgId, memberId) {
      const item = await getMember(orgId, memberId);
      return item ? toMember(item) : null;
    },

    async emailTaken(email) {
      return (await currentItem(memberEmailKey(email))) !== undefined;
    },

    async invite(orgId, input, actorId) {
      const now = db.now().toISOString();
      const item: ClinicianItem = {
        orgId,
        clinicianId: sortableId(db.now()),
        name: input.name,
        email: input.email,
        role: input.role,
        status: 'invited',
        invitedAt: now,
        joinedAt: null,
      };
      for (let attempt = 0; ; attempt += 1) {
        const recent = await recentIds(orgId);
        try {
          await writeTogether(db, [
            putNew(db, {
              ...keys.clinician(orgId, item.clinicianId),
              ...item,
              joinedAt: undefined,
            }),
            putNew(db, { ...memberEmailKey(input.email), orgId, clinicianId: item.clinicianId }),
            ...memberEventWrites(
              db,
              orgId,
              { type: 'member-invited', actorId, memberId: item.clinicianId, role: input.role },
              now,
              recent,
            ),
          ]);
          return toMember(item);
        } catch (error) {
          // The member's id is new, and the organisation is the caller's: only the claim can be refused.
          if (error instanceof ConditionFailedError) throw new MemberEmailTakenError();
          // Another change to the members at the same moment: their recent changes are read again.
          if (!isTransactionConflict(error)) throw error;
          if (attempt + 1 >= CONFLICT_ATTEMPTS) throw new StoreUnavailableError(error);
          await pauseBeforeRetry(attempt);
        }
      }
    },

    changeRole(orgId, memberId, role, actorId) {
      return change(
        orgId,
        memberId,
        async (item, recent) => {
          if (item.role === role) return toMember(item);
          const read = asRead(item);
          const counted = countsAsAdmin(item) !== countsAsAdmin({ ...item, role });
          const now = db.now().toISOString();
          await writeTogether(db, [
            updateOne(db, {
              Key: keys.clinician(orgId, memberId),
              UpdateExpression: 'SET #role = :role',
              ConditionExpression: `attribute_exists(pk) AND ${read.condition}`,
              ExpressionAttributeNames: read.names,
              ExpressionAttributeValues: { ':role': role, ...read.values },
            }),
            ...(counted ? [countAdmins(orgId, role === 'admin' ? 1 : -1)] : []),
            ...memberEventWrites(
              db,
              orgId,
              { type: 'member-role-changed', actorId, memberId, role },
              now,
              recent,
            ),
          ]);
          return toMember({ ...item, role });
        },
        new LastAdminError('demote'),
        (item) => countsAsAdmin(item) && role !== 'admin',
      );
    },

    remove(orgId, memberId, actorId) {
      return change(
        orgId,
        memberId,
        async (item, recent) => {
          const read = asRead(item);
          const owned = {
            ConditionExpression: 'attribute_not_exists(pk) OR clinicianId = :id',
            ExpressionAttributeValues: { ':id': memberId },
          };
          await writeTogether(db, [
            {
              Delete: {
                TableName: tableName,
                Key: keys.clinician(orgId, memberId),
                ConditionExpression: `attribute_exists(pk) AND ${read.condition}`,
                ExpressionAttributeNames: read.names,
                ExpressionAttributeValues: read.values,
              },
            },
            // Another member's claim or identity is never taken with them.
            { Delete: { TableName: tableName, Key: memberEmailKey(item.email), ...owned } },
            ...(item.subject
              ? [
                  {
                    Delete: {
                      TableName: tableName,
                      Key: keys.identity(item.subject),
                      ...owned,
                    },
                  },
                ]
              : []),
            ...(countsAsAdmin(item) ? [countAdmins(orgId, -1)] : []),
            ...memberEventWrites(
              db,
              orgId,
              { type: 'member-removed', actorId, memberId },
              db.now().toISOString(),
              recent,
            ),
          ]);
          return toMember(item);
        },
        new LastAdminError('remove'),
        (item) => countsAsAdmin(item),
      );
    },

    readRecentChanges,

    async events(orgId, page) {
      if (page.cursor !== undefined || page.limit > recentMemberChangesShown)
        return eventsPage(orgId, page);
      const recent = await readRecentChanges(orgId);
      if (!recent.complete) return firstEventsPageKept(orgId, page.limit);
      const items = recent.events.slice(0, page.limit);
      // Fewer than it keeps: the item holds every event there is.
      const more =
        recent.events.length > page.limit || recent.events.length >= recentMemberChangesShown;
      return {
        items,
        nextCursor: more ? encodeCursor(keys.memberEvent(orgId, items.at(-1)!.id).sk) : null,
      };
    },

    async linkByEmail(subject, email) {
      for (let attempt = 0; attempt < CONFLICT_ATTEMPTS; attempt += 1) {
        const claimItem = await currentItem(memberEmailKey(email));
        if (!claimItem) return null;
        const claim = EmailClaim.parse(claimItem);
        const [member, recent] = await Promise.all([
          getMember(claim.orgId, claim.clinicianId),
          recentIds(claim.orgId),
        ]);
        // An active member keeps the identity they joined with: an address is not a second way in.
        if (!member || member.status !== 'invited') return null;
        const read = asRead(member);
        const now = db.now().toISOString();
        try {
          await writeTogether(db, [
            putNew(db, { ...keys.identity(subject), ...claim }),
            updateOne(db, {
              Key: keys.clinician(claim.orgId, claim.clinicianId),
              UpdateExpression: 'SET #status = :active, subject = :subject, joinedAt = :now',
              ConditionExpression: `attribute_exists(pk) AND ${read.condition}`,
              ExpressionAttributeNames: read.names,
              ExpressionAttributeValues: {
                ':active': 'active',
                ':subject': subject,
                ':now': now,
                ...read.values,
              },
            }),
            // An admin counts from their first sign-in.
            ...(member.role === 'admin' ? [countAdmins(claim.orgId, 1)] : []),
            {
              ConditionCheck: {
                TableName: tableName,
                Key: memberEmailKey(email),
                ConditionExpression: 'clinicianId = :id',
                ExpressionAttributeValues: { ':id': claim.clinicianId },
              },
            },
            ...memberEventWrites(
              db,
              claim.orgId,
              { type: 'member-joined', actorId: claim.clinicianId, memberId: claim.clinicianId },
              now,
              recent,
            ),
          ]);
          return claim;
        } catch (error) {
          // Removed, or linked by another sign-in: nothing is linked here.
          if (error instanceof ConditionFailedError) return null;
          // Another change at the same moment (perhaps another sign-in): read again, and see.
          if (!isTransactionConflict(error)) throw error;
          await pauseBeforeRetry(attempt);
        }
      }
      return null;
    },
  };
}
