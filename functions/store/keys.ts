/**
 * Every key of the table is built here. Domain ids never carry key syntax:
 * ids are checked against `idPattern` at the API boundary.
 */
import { statusListRank, type RecordStatus } from '#shared/record/lifecycle';

export const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

export interface ItemKey<P extends string = string, S extends string = string> {
  pk: P;
  sk: S;
}

export const keys = {
  organisation: (orgId: string): ItemKey<`ORG#${string}`, 'ORG'> => ({
    pk: `ORG#${orgId}`,
    sk: 'ORG',
  }),
  clinician: (
    orgId: string,
    clinicianId: string,
  ): ItemKey<`ORG#${string}`, `CLINICIAN#${string}`> => ({
    pk: `ORG#${orgId}`,
    sk: `CLINICIAN#${clinicianId}`,
  }),
  clinicianPrefix: 'CLINICIAN#',
  /**
   * The members' recent changes in one item (ADR 28): an attribute per event
   * (`event#{id}`, the newest `recentMemberChangesShown`, or a few more),
   * written in each change's transaction, and `complete` once it holds the
   * newest events of the audit.
   */
  recentMemberChanges: (orgId: string): ItemKey<`ORG#${string}`, 'MEMBER_CHANGES'> => ({
    pk: `ORG#${orgId}`,
    sk: 'MEMBER_CHANGES',
  }),
  recentMemberChangeAttribute: (eventId: string) => `event#${eventId}`,
  /**
   * Claims an email address for one member of one organisation, so that no
   * address is invited twice anywhere. Keyed by the SHA-256 of the normalised
   * address: keys show in metrics and errors, addresses should not (ADR 17).
   */
  memberEmail: (emailHash: string): ItemKey<`MEMBER_EMAIL#${string}`, 'MEMBER_EMAIL'> => ({
    pk: `MEMBER_EMAIL#${emailHash}`,
    sk: 'MEMBER_EMAIL',
  }),
  /** The audit of an organisation's members, in a partition of its own, oldest first by sortable id. */
  memberEvent: (
    orgId: string,
    eventId: string,
  ): ItemKey<`ORG#${string}#MEMBERS`, `EVENT#${string}`> => ({
    pk: `ORG#${orgId}#MEMBERS`,
    sk: `EVENT#${eventId}`,
  }),
  memberEventPrefix: 'EVENT#',
  /** Local only: an account of the development issuer, as Cognito keeps a user in AWS. */
  devAccount: (email: string): ItemKey<'DEV_ACCOUNTS', `ACCOUNT#${string}`> => ({
    pk: 'DEV_ACCOUNTS',
    sk: `ACCOUNT#${email}`,
  }),
  devAccountPrefix: 'ACCOUNT#',
  /** Maps an identity provider's subject to a clinician. */
  identity: (subject: string): ItemKey<`IDENTITY#${string}`, 'IDENTITY'> => ({
    pk: `IDENTITY#${subject}`,
    sk: 'IDENTITY',
  }),
  /** Keyed by the SHA-256 of the session id: the id itself is never stored. */
  session: (sessionIdHash: string): ItemKey<`SESSION#${string}`, 'SESSION'> => ({
    pk: `SESSION#${sessionIdHash}`,
    sk: 'SESSION',
  }),
  /**
   * A patient's browser session: one record only, so it lives in that record's
   * partition, where the Query that reads the record finds it too (ADR 25).
   */
  patientSession: (
    orgId: string,
    recordId: string,
    sessionIdHash: string,
  ): ItemKey<`ORG#${string}#RECORD#${string}`, `PSESSION#${string}`> => ({
    pk: `ORG#${orgId}#RECORD#${recordId}`,
    sk: `PSESSION#${sessionIdHash}`,
  }),
  /** Where patients' sessions were kept before ADR 25; read until the last of them ends. */
  patientSessionBefore: (sessionIdHash: string): ItemKey<`PSESSION#${string}`, 'PSESSION'> => ({
    pk: `PSESSION#${sessionIdHash}`,
    sk: 'PSESSION',
  }),
  invitation: (
    orgId: string,
    invitationId: string,
  ): ItemKey<`ORG#${string}`, `INVITATION#${string}`> => ({
    pk: `ORG#${orgId}`,
    sk: `INVITATION#${invitationId}`,
  }),
  invitationPrefix: 'INVITATION#',
  /** Keyed by the SHA-256 of a patient link's token: the token itself is never stored. */
  invitationToken: (tokenHash: string): ItemKey<`TOKEN#${string}`, 'TOKEN'> => ({
    pk: `TOKEN#${tokenHash}`,
    sk: 'TOKEN',
  }),
  /**
   * A decision record has its own partition: the record item and, beside it,
   * its audit events, so that one Query reads the record with its history.
   */
  record: (
    orgId: string,
    recordId: string,
  ): ItemKey<`ORG#${string}#RECORD#${string}`, 'RECORD'> => ({
    pk: `ORG#${orgId}#RECORD#${recordId}`,
    sk: 'RECORD',
  }),
  /** Event ids sort by time (`sortableId`), so the partition lists the history in order. */
  recordEvent: (
    orgId: string,
    recordId: string,
    eventId: string,
  ): ItemKey<`ORG#${string}#RECORD#${string}`, `EVENT#${string}`> => ({
    pk: `ORG#${orgId}#RECORD#${recordId}`,
    sk: `EVENT#${eventId}`,
  }),
  recordEventPrefix: 'EVENT#',
  /** Amendments, oldest first by their sortable id; each an item, so a record never outgrows 400 KB. */
  recordAmendment: (
    orgId: string,
    recordId: string,
    amendmentKey: string,
  ): ItemKey<`ORG#${string}#RECORD#${string}`, `AMEND#${string}`> => ({
    pk: `ORG#${orgId}#RECORD#${recordId}`,
    sk: `AMEND#${amendmentKey}`,
  }),
  recordAmendmentPrefix: 'AMEND#',
  /**
   * The lists of records, in two indexes whose sort key is
   * `{rank}#{statusAt}#{recordId}`: read newest first, records come grouped by
   * status (ready first, see `statusListRank`), and one status is a prefix.
   */
  recordLists: {
    /** gsi1: every record of an organisation. */
    ofOrganisation: (orgId: string) => `ORG#${orgId}#RECORDS` as const,
    /** gsi2: every record of one aid (all its versions). */
    ofAid: (orgId: string, aidId: string) => `ORG#${orgId}#AID#${aidId}#RECORDS` as const,
    sortKey: (status: RecordStatus, statusAt: string, recordId: string) =>
      `${statusListRank[status]}#${statusAt}#${recordId}`,
    statusPrefix: (status: RecordStatus) => `${statusListRank[status]}#`,
    /** The record id at the end of a list sort key. */
    recordIdOf: (sortKey: string) => sortKey.slice(sortKey.lastIndexOf('#') + 1),
  },
  aid: (orgId: string, aidId: string): ItemKey<`ORG#${string}`, `AID#${string}`> => ({
    pk: `ORG#${orgId}`,
    sk: `AID#${aidId}`,
  }),
  aidPrefix: 'AID#',
  /**
   * The organisation's published aids in one item (ADR 26): an attribute per
   * aid (`aid#{id}`) written with each publication, and `complete` once every
   * aid published before the item existed is in it.
   */
  publishedAids: (orgId: string): ItemKey<`ORG#${string}`, 'PUBLISHED_AIDS'> => ({
    pk: `ORG#${orgId}`,
    sk: 'PUBLISHED_AIDS',
  }),
  publishedAidAttribute: (aidId: string) => `aid#${aidId}`,
  /** Published versions live in the aid's own partition, newest last: VERSION#000001, … */
  aidVersion: (
    orgId: string,
    aidId: string,
    version: number,
  ): ItemKey<`ORG#${string}#AID#${string}`, `VERSION#${string}`> => ({
    pk: `ORG#${orgId}#AID#${aidId}`,
    sk: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  aidVersionPrefix: 'VERSION#',
  /** Counts of one version's records by status and by what patients rated important (see records.ts). */
  aidVersionStats: (
    orgId: string,
    aidId: string,
    version: number,
  ): ItemKey<`ORG#${string}#AID#${string}`, `STATS#${string}`> => ({
    pk: `ORG#${orgId}#AID#${aidId}`,
    sk: `STATS#${String(version).padStart(6, '0')}`,
  }),
  /** Attempts of one client address at one kind of request in one window (see rate-limits.ts). */
  rateWindow: (
    what: string,
    whoHash: string,
    windowStart: number,
  ): ItemKey<`RATE#${string}`, `WINDOW#${number}`> => ({
    pk: `RATE#${what}#${whoHash}`,
    sk: `WINDOW#${windowStart}`,
  }),
  /** A fixed item read by the health check. */
  health: { pk: 'HEALTH', sk: 'HEALTH' } as ItemKey<'HEALTH', 'HEALTH'>,
  /** Marks which seed has been written to a local table. */
  seed: { pk: 'SEED', sk: 'SEED' } as ItemKey<'SEED', 'SEED'>,
} as const;
