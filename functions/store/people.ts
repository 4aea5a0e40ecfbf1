import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { MemberRole, MemberStatus, normaliseEmail } from '#shared/members';
import type { Clinician, Organisation } from '#shared/people';
import type { Db } from './db';
import { keys, type ItemKey } from './keys';
import type { Principal } from './principal';

const IdentityItem = z.object({ orgId: z.string(), clinicianId: z.string() });
const OrganisationItem = z.object({
  orgId: z.string(),
  name: z.string(),
  patientIdentifierSystem: z.string().nullable().default(null),
});
/**
 * A member of an organisation (ADR 17). Items written before members had
 * roles read as active clinicians; `subject` is the identity that signs in as
 * them (absent while invited, and on those older items).
 */
export const ClinicianItem = z.object({
  orgId: z.string(),
  clinicianId: z.string(),
  name: z.string(),
  email: z.string(),
  role: MemberRole.default('clinician'),
  status: MemberStatus.default('active'),
  subject: z.string().optional(),
  invitedAt: z.string().nullable().default(null),
  joinedAt: z.string().nullable().default(null),
});
export type ClinicianItem = z.infer<typeof ClinicianItem>;

/** The key of the item that claims an email address for one member, anywhere. */
export const memberEmailKey = (email: string) =>
  keys.memberEmail(createHash('sha256').update(normaliseEmail(email)).digest('base64url'));

/** The items that make an organisation exist; `adminCount` is how many of its members are admins. */
export function organisationItem(org: Organisation, adminCount = 0) {
  return {
    ...keys.organisation(org.id),
    orgId: org.id,
    name: org.name,
    patientIdentifierSystem: org.patientIdentifierSystem,
    adminCount,
  };
}

/**
 * The items that make an active clinician exist, let their identity provider
 * subject sign in, and claim their email address. A clinician unless a role
 * is given; an admin also needs its organisation's `adminCount` to count them.
 */
export function clinicianItems(
  clinician: Omit<Clinician, 'role'> & { role?: MemberRole },
  subject: string,
) {
  return [
    {
      ...keys.clinician(clinician.orgId, clinician.id),
      orgId: clinician.orgId,
      clinicianId: clinician.id,
      name: clinician.name,
      email: clinician.email,
      role: clinician.role ?? 'clinician',
      status: 'active',
      subject,
    },
    { ...keys.identity(subject), orgId: clinician.orgId, clinicianId: clinician.id },
    { ...memberEmailKey(clinician.email), orgId: clinician.orgId, clinicianId: clinician.id },
  ];
}

export interface PeopleRepository {
  /** The clinician an identity provider's subject belongs to, or null if not provisioned. */
  principalForSubject(subject: string): Promise<Principal | null>;
  organisation(orgId: string): Promise<Organisation | null>;
  clinician(principal: Principal): Promise<Clinician | null>;
}

/**
 * How long a process keeps an organisation's name and settings (ADR 25). No
 * route changes them (they are set when an organisation is provisioned), and
 * every request of a clinician or patient needs them.
 */
export const ORGANISATION_CACHE_MS = 5 * 60 * 1000;

export function createPeopleRepository(db: Db): PeopleRepository {
  const get = async (key: ItemKey) =>
    (await db.send(new GetCommand({ TableName: db.tableName, Key: key }))).Item;
  const organisations = new Map<string, { organisation: Organisation; until: number }>();

  return {
    async principalForSubject(subject) {
      const item = await get(keys.identity(subject));
      return item ? IdentityItem.parse(item) : null;
    },
    async organisation(orgId) {
      const now = db.now().getTime();
      const cached = organisations.get(orgId);
      if (cached && cached.until > now) return cached.organisation;
      const item = await get(keys.organisation(orgId));
      if (!item) return null;
      const org = OrganisationItem.parse(item);
      const organisation = {
        id: org.orgId,
        name: org.name,
        patientIdentifierSystem: org.patientIdentifierSystem,
      };
      organisations.set(orgId, { organisation, until: now + ORGANISATION_CACHE_MS });
      return organisation;
    },
    async clinician({ orgId, clinicianId }) {
      const item = await get(keys.clinician(orgId, clinicianId));
      if (!item) return null;
      const c = ClinicianItem.parse(item);
      return { id: c.clinicianId, orgId: c.orgId, name: c.name, email: c.email, role: c.role };
    },
  };
}
