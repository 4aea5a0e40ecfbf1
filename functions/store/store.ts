import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createAidRepository, type AidRepository } from './aids';
import type { Db } from './db';
import { createInvitationRepository, type InvitationRepository } from './invitations';
import { createRecordRepository, type RecordRepository } from './records';
import { keys } from './keys';
import { createMemberRepository, type MemberRepository } from './members';
import { createPeopleRepository, type PeopleRepository } from './people';
import { createRateLimitRepository, type RateLimitRepository } from './rate-limits';
import type { Principal } from './principal';
import {
  createClinicianSessions,
  createPatientSessions,
  type PatientHolder,
  type SessionRepository,
} from './sessions';

/** Everything the API reads and writes, behind interfaces: routes never see DynamoDB. */
export interface Store {
  /** Resolves when the table answers a read; rejects otherwise. */
  ping(): Promise<void>;
  /** The store's clock, so timestamps and expiry agree. */
  now(): Date;
  people: PeopleRepository;
  members: MemberRepository;
  sessions: SessionRepository<Principal>;
  patientSessions: SessionRepository<PatientHolder>;
  aids: AidRepository;
  invitations: InvitationRepository;
  records: RecordRepository;
  rateLimits: RateLimitRepository;
}

export function createDynamoStore(db: Db): Store {
  const people = createPeopleRepository(db);
  const aids = createAidRepository(db);
  const invitations = createInvitationRepository(db, (orgId) => [people.organisation(orgId)]);
  const records = createRecordRepository(db);
  return {
    async ping() {
      await db.send(new GetCommand({ TableName: db.tableName, Key: keys.health }), {
        abortSignal: AbortSignal.timeout(2_000),
      });
    },
    now: db.now,
    people,
    members: createMemberRepository(db),
    // What each request of a session's holder reads next is read with the session (ADR 24).
    sessions: createClinicianSessions(db, (principal) => [
      people.clinician(principal),
      people.organisation(principal.orgId),
    ]),
    // The record keeps its link's state (ADR 25): its invitation is not read.
    patientSessions: createPatientSessions(db, ({ orgId, recordId }) => [
      records.getWithHistory(orgId, recordId),
      people.organisation(orgId),
    ]),
    aids,
    invitations,
    records,
    rateLimits: createRateLimitRepository(db),
  };
}
