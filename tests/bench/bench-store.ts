import { DEMO_AID_ID, seedOnce } from '#functions/dev/seed';
import { createDb, createDynamoClients } from '#functions/store/db';
import { ensureTable } from '#functions/store/setup';
import { createDynamoStore, type Store } from '#functions/store/store';
import { benchTable, patiently } from './figures';

/**
 * A bench's own table on DynamoDB Local, made and seeded as the development
 * server does it, the store on it, and the sessions a bench signs in with.
 * Destroy `client` when the bench ends.
 */
export async function seededBenchStore(endpoint: string, tableName: string) {
  const { client, doc } = createDynamoClients({ endpoint });
  await benchTable(() => ensureTable(client, tableName));
  const db = createDb(doc, tableName);
  await patiently(() => seedOnce(db));
  const store = createDynamoStore(db);
  return {
    client,
    store,
    clinicianSession: (until: Date) => clinicianSession(store, until),
    patient: (clinicReference: string, until: Date) => patient(store, clinicReference, until),
  };
}

/** The seeded demonstration clinic and its clinician, whom the benches act as. */
export const BENCH_ORG = 'demo-clinic';
export const benchClinician = { id: 'demo-clinician', name: 'Dr Alex Morgan' };

/** The clinician's session as signing in makes it, written to the table. */
function clinicianSession(store: Store, until: Date) {
  return store.sessions.create({ orgId: BENCH_ORG, clinicianId: benchClinician.id }, until);
}

/**
 * A patient as an invitation to the demonstration aid and opening its link make them: the
 * record and the patient's session, written to the table.
 */
async function patient(store: Store, clinicReference: string, until: Date) {
  const { invitation } = await store.invitations.create(BENCH_ORG, {
    aidId: DEMO_AID_ID,
    aidVersion: 1,
    aidTitle: 'Knee osteoarthritis: what are my options?',
    clinicReference,
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
    by: benchClinician,
  });
  const record = await store.records.openFor(BENCH_ORG, invitation);
  const session = await store.patientSessions.create(
    { orgId: BENCH_ORG, recordId: record.id, invitationId: invitation.id },
    until,
  );
  return { record, session };
}

/** The environment a bench's server runs with: its table, quiet logs, no rate limits. */
export function benchServerEnv(endpoint: string, tableName: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    OIDC_ISSUER: 'https://issuer.example.org',
    OIDC_CLIENT_ID: 'bench',
    AWS_REGION: 'eu-west-2',
    LOG_LEVEL: 'error',
    RATE_LIMITS: 'off',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
