import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
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
const ClinicianItem = z.object({
  orgId: z.string(),
  clinicianId: z.string(),
  name: z.string(),
  email: z.string(),
});

/** The items that make an organisation exist. */
export function organisationItem(org: Organisation) {
  return {
    ...keys.organisation(org.id),
    orgId: org.id,
    name: org.name,
    patientIdentifierSystem: org.patientIdentifierSystem,
  };
}

/** The items that make a clinician exist and let their identity provider subject sign in. */
export function clinicianItems(clinician: Clinician, subject: string) {
  return [
    {
      ...keys.clinician(clinician.orgId, clinician.id),
      orgId: clinician.orgId,
      clinicianId: clinician.id,
      name: clinician.name,
      email: clinician.email,
    },
    { ...keys.identity(subject), orgId: clinician.orgId, clinicianId: clinician.id },
  ];
}

export interface PeopleRepository {
  /** The clinician an identity provider's subject belongs to, or null if not provisioned. */
  principalForSubject(subject: string): Promise<Principal | null>;
  organisation(orgId: string): Promise<Organisation | null>;
  clinician(principal: Principal): Promise<Clinician | null>;
}

export function createPeopleRepository(db: Db): PeopleRepository {
  const get = async (key: ItemKey) =>
    (await db.send(new GetCommand({ TableName: db.tableName, Key: key }))).Item;

  return {
    async principalForSubject(subject) {
      const item = await get(keys.identity(subject));
      return item ? IdentityItem.parse(item) : null;
    },
    async organisation(orgId) {
      const item = await get(keys.organisation(orgId));
      if (!item) return null;
      const org = OrganisationItem.parse(item);
      return {
        id: org.orgId,
        name: org.name,
        patientIdentifierSystem: org.patientIdentifierSystem,
      };
    },
    async clinician({ orgId, clinicianId }) {
      const item = await get(keys.clinician(orgId, clinicianId));
      if (!item) return null;
      const c = ClinicianItem.parse(item);
      return { id: c.clinicianId, orgId: c.orgId, name: c.name, email: c.email };
    },
  };
}
