import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DevAccount } from './issuer';
import { createAidRepository, draftItem } from '../store/aids';
import { conditionHeld, putNew, updateOne, writeTogether, type Db } from '../store/db';
import { demoAidContent } from './demo-aid';
import { demoStatinsContent } from './demo-statins';
import { measureAid } from '#shared/checks/readability';
import type { AidContent } from '#shared/aid/schema';
import { keys } from '../store/keys';
import { clinicianItems, memberEmailKey, organisationItem } from '../store/people';

/**
 * What a fresh local table starts with: two organisations (cross-organisation
 * checks need both), a clinician in each (its admin, who can invite more), and
 * a demonstration aid in Demo Clinic.
 */
export const seedOrganisations = [
  {
    organisation: {
      id: 'demo-clinic',
      name: 'Demo Clinic',
      // Its clinic references are appointment numbers: FHIR exports carry them as the Patient's identifier.
      patientIdentifierSystem: 'https://demo.example/fhir/appointment-reference',
    },
    clinician: {
      id: 'demo-clinician',
      orgId: 'demo-clinic',
      name: 'Dr Alex Morgan',
      email: 'clinician@demo.example',
      role: 'admin',
    },
  },
  {
    organisation: { id: 'other-clinic', name: 'Other Clinic', patientIdentifierSystem: null },
    clinician: {
      id: 'other-clinician',
      orgId: 'other-clinic',
      name: 'Dr Sam Patel',
      email: 'clinician@other.example',
      role: 'admin',
    },
  },
] as const;

export const DEMO_AID_ID = 'demo-knee-oa';
/** The second demonstration aid: three options, six questions, numbers with outcomes. */
export const DEMO_STATINS_AID_ID = 'demo-statins';

const demoAuthor = { id: 'demo-clinician', name: 'Dr Alex Morgan' };
const demoAids: ReadonlyArray<{ id: string; content: AidContent }> = [
  { id: DEMO_AID_ID, content: demoAidContent },
  { id: DEMO_STATINS_AID_ID, content: demoStatinsContent },
];

/** Publishes a seeded demonstration draft as version 1, with its reading grade as publishing stores it. */
async function publishDemo(db: Db, aid: { id: string; content: AidContent }): Promise<void> {
  const readability = measureAid(aid.content);
  await createAidRepository(db).publish(
    'demo-clinic',
    aid.id,
    1,
    demoAuthor,
    readability.measured ? readability.overall.grade : null,
  );
}

/** The seeded clinicians as the development issuer lists them; the subject is the clinician id. */
export const devAccounts: DevAccount[] = seedOrganisations.map(({ organisation, clinician }) => ({
  subject: clinician.id,
  email: clinician.email,
  name: clinician.name,
  organisation: organisation.name,
}));

/**
 * Writes the seed in one transaction, once: a marker item makes a second run a
 * no-op, and a crash half-way leaves nothing half-written. Then publishes the
 * demonstration aid.
 */
export async function seedOnce(db: Db): Promise<boolean> {
  const { tableName } = db;
  const now = db.now();
  const items = [
    ...seedOrganisations.flatMap(({ organisation, clinician }) => [
      organisationItem(organisation, 1),
      // A new organisation's published aids are all in their item from the start (ADR 26).
      { ...keys.publishedAids(organisation.id), complete: true },
      // And its members' recent changes (ADR 28).
      { ...keys.recentMemberChanges(organisation.id), complete: true },
      ...clinicianItems(clinician, clinician.id),
    ]),
    ...demoAids.map((aid) =>
      draftItem('demo-clinic', { ...aid, demonstration: true, by: demoAuthor }, now.toISOString()),
    ),
  ];
  const seeded = await conditionHeld(
    writeTogether(db, [
      putNew(db, { ...keys.seed, seededAt: now.toISOString() }),
      ...items.map((Item) => ({ Put: { TableName: tableName, Item } })),
    ]),
  );
  if (!seeded) {
    await upgradeSeed(db);
    return false;
  }
  // Published as version 1, so that a newcomer can invite a patient straight away.
  for (const aid of demoAids) await publishDemo(db, aid);
  return true;
}

/**
 * A table seeded before members had roles (ADR 17): its seeded clinicians
 * become their organisations' admins, with their email claims, once. Each
 * organisation in one transaction; one already upgraded is left as it is.
 */
async function upgradeSeed(db: Db): Promise<void> {
  for (const { organisation, clinician } of seedOrganisations) {
    // Already upgraded when a condition fails: nothing is written then.
    await conditionHeld(
      writeTogether(db, [
        updateOne(db, {
          Key: keys.organisation(organisation.id),
          UpdateExpression: 'SET adminCount = :one',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(adminCount)',
          ExpressionAttributeValues: { ':one': 1 },
        }),
        updateOne(db, {
          Key: keys.clinician(organisation.id, clinician.id),
          UpdateExpression: 'SET #role = :admin, #status = :active, subject = :subject',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#role)',
          ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
          ExpressionAttributeValues: {
            ':admin': clinician.role,
            ':active': 'active',
            ':subject': clinician.id,
          },
        }),
        putNew(db, {
          ...memberEmailKey(clinician.email),
          orgId: organisation.id,
          clinicianId: clinician.id,
        }),
      ]),
    );
  }
  await addStatinsDemo(db);
}

/** A table seeded before the second demonstration aid gets it, once. */
async function addStatinsDemo(db: Db): Promise<void> {
  const aid = { id: DEMO_STATINS_AID_ID, content: demoStatinsContent };
  const added = await conditionHeld(
    db.send(
      new PutCommand({
        TableName: db.tableName,
        Item: draftItem(
          'demo-clinic',
          { ...aid, demonstration: true, by: demoAuthor },
          db.now().toISOString(),
        ),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  if (!added) return;
  await publishDemo(db, aid);
}
