import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DevAccount } from './issuer';
import { createAidRepository, draftItem } from '../store/aids';
import type { Db } from '../store/db';
import { demoAidContent } from './demo-aid';
import { ConditionFailedError } from '../store/errors';
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
      ...clinicianItems(clinician, clinician.id),
    ]),
    draftItem(
      'demo-clinic',
      {
        id: DEMO_AID_ID,
        content: demoAidContent,
        demonstration: true,
        by: { id: 'demo-clinician', name: 'Dr Alex Morgan' },
      },
      now.toISOString(),
    ),
  ];
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.seed, seededAt: now.toISOString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...items.map((Item) => ({ Put: { TableName: tableName, Item } })),
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    await upgradeSeed(db);
    return false;
  }
  // Published as version 1, so that a newcomer can invite a patient straight away.
  await createAidRepository(db).publish('demo-clinic', DEMO_AID_ID, 1, {
    id: 'demo-clinician',
    name: 'Dr Alex Morgan',
  });
  return true;
}

/**
 * A table seeded before members had roles (ADR 17): its seeded clinicians
 * become their organisations' admins, with their email claims, once. Each
 * organisation in one transaction; one already upgraded is left as it is.
 */
async function upgradeSeed(db: Db): Promise<void> {
  for (const { organisation, clinician } of seedOrganisations) {
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.tableName,
                Key: keys.organisation(organisation.id),
                UpdateExpression: 'SET adminCount = :one',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(adminCount)',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
            {
              Update: {
                TableName: db.tableName,
                Key: keys.clinician(organisation.id, clinician.id),
                UpdateExpression: 'SET #role = :admin, #status = :active, subject = :subject',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#role)',
                ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
                ExpressionAttributeValues: {
                  ':admin': clinician.role,
                  ':active': 'active',
                  ':subject': clinician.id,
                },
              },
            },
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...memberEmailKey(clinician.email),
                  orgId: organisation.id,
                  clinicianId: clinician.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
}
