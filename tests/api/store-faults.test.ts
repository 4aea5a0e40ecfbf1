import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app';
import { loadLocalPdfRenderer } from '#functions/exports/local-pdf';
import { createDynamoClients, createDb } from '#functions/store/db';
import { keys } from '#functions/store/keys';
import { memberEmailKey } from '#functions/store/people';
import { createDynamoStore } from '#functions/store/store';
import { captureLogs } from '../support/api';

// What DynamoDB Local cannot show: throttling and service faults, through the real store.
const doc = createDynamoClients({ region: 'eu-west-2' }).doc;
const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

function appWithMockedDynamo() {
  const logs = captureLogs();
  const app = createApp({
    store: createDynamoStore(createDb(doc, 'table')),
    verifier: { verify: async () => ({ subject: 'demo-clinician' }) },
    log: logs.log,
    publicOrigin: 'https://decide.example.org',
    loadPdfRenderer: loadLocalPdfRenderer,
  });
  return { app, logs };
}

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'Rate of requests exceeds the allowed throughput',
    $metadata: {},
  });

describe('when DynamoDB throttles or fails', () => {
  it('answers 503 with Retry-After, and logs it as a warning', async () => {
    dynamo
      .on(GetCommand)
      // The identity, then the clinician: both found.
      .resolves({
        Item: {
          orgId: 'demo-clinic',
          clinicianId: 'demo-clinician',
          name: 'Dr Alex Morgan',
          email: 'clinician@demo.example',
        },
      });
    dynamo.on(QueryCommand).rejects(throttled());
    const { app, logs } = appWithMockedDynamo();
    const response = await app.request('/api/aids', { headers: { authorization: 'Bearer token' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toMatchObject({ type: '/problems/unavailable', status: 503 });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'store unavailable',
        errorName: 'ProvisionedThroughputExceededException',
      }),
    );
  });

  it('reports the health check as 503 when the table read fails', async () => {
    dynamo.on(GetCommand).rejects(
      Object.assign(new Error('We encountered an internal error'), {
        name: 'InternalServerError',
      }),
    );
    const { app } = appWithMockedDynamo();
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('internal error');
  });

  it("withdraws a link whose record a patient saved at the same moment: the clinic's change is tried again", async () => {
    const invitation = {
      ...keys.invitation('demo-clinic', 'inv-1'),
      orgId: 'demo-clinic',
      invitationId: 'inv-1',
      aidId: 'aid-1',
      aidVersion: 1,
      aidTitle: 'Knee',
      clinicReference: null,
      createdAt: '2026-11-01T10:00:00.000Z',
      createdBy: { id: 'demo-clinician', name: 'Dr Alex Morgan' },
      linkExpiresAt: '2026-12-01T10:00:00.000Z',
      recordId: 'rec-1',
      recordStatus: 'in-progress',
    };
    dynamo.on(GetCommand).resolves({ Item: invitation });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
        }),
      )
      .resolves({});
    const store = createDynamoStore(createDb(doc, 'table'));
    const withdrawn = await store.invitations.revoke('demo-clinic', 'inv-1', {
      id: 'demo-clinician',
      name: 'Dr Alex Morgan',
    });
    expect(withdrawn.status).toBe('revoked');
    const writes = dynamo.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(2);
    // The record's copy of the link is written with the invitation, both times.
    for (const write of writes)
      expect(write.args[0].input.TransactItems?.[1]?.Update).toMatchObject({
        Key: keys.record('demo-clinic', 'rec-1'),
        UpdateExpression: 'SET linkRevokedAt = :now',
      });
  });

  const conflict = () =>
    new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });

  /** The members' recent changes as a change reads them, holding these event ids. */
  const recentChanges = (ids: string[]) => ({
    ...keys.recentMemberChanges('demo-clinic'),
    complete: true,
    ...Object.fromEntries(
      ids.map((id) => [
        keys.recentMemberChangeAttribute(id),
        {
          eventId: id,
          at: '2026-11-01T10:00:00.000Z',
          type: 'member-invited',
          actorId: 'demo-clinician',
          memberId: `m-${id}`,
          role: 'clinician',
        },
      ]),
    ),
  });
  const recentUpdate = (write: { args: [{ input: TransactWriteCommand['input'] }] }) =>
    write.args[0].input.TransactItems?.find(
      (item) => item.Update?.Key?.['sk'] === keys.recentMemberChanges('demo-clinic').sk,
    )?.Update;

  it('invites a member while another change to the members lands: it is tried again on the recent changes read afresh', async () => {
    const older = Array.from({ length: 20 }, (_, i) => `e${String(i).padStart(2, '0')}`);
    dynamo
      .on(GetCommand, { Key: keys.recentMemberChanges('demo-clinic') })
      .resolvesOnce({ Item: recentChanges(older.slice(0, 19)) })
      .resolves({ Item: recentChanges(older) });
    dynamo.on(TransactWriteCommand).rejectsOnce(conflict()).resolves({});
    const store = createDynamoStore(createDb(doc, 'table'));
    const member = await store.members.invite(
      'demo-clinic',
      { email: 'kim@clinic.example', name: 'Dr Kim', role: 'clinician' },
      'demo-clinician',
    );
    expect(member.status).toBe('invited');
    const writes = dynamo.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(2);
    // The first try had room for its event; the second, with one more read, takes the oldest away.
    expect(recentUpdate(writes[0]!)?.UpdateExpression).toBe('SET #new = :event');
    expect(recentUpdate(writes[1]!)).toMatchObject({
      UpdateExpression: 'SET #new = :event REMOVE #old0',
      ExpressionAttributeNames: { '#old0': keys.recentMemberChangeAttribute('e00') },
    });
  });

  it('joins an invited member whose first sign-in meets another change to the members: tried again, not refused', async () => {
    dynamo
      .on(GetCommand, { Key: keys.recentMemberChanges('demo-clinic') })
      .resolves({ Item: recentChanges([]) });
    dynamo.on(GetCommand, { Key: keys.clinician('demo-clinic', 'kim') }).resolves({
      Item: {
        ...keys.clinician('demo-clinic', 'kim'),
        orgId: 'demo-clinic',
        clinicianId: 'kim',
        name: 'Dr Kim',
        email: 'kim@clinic.example',
        role: 'clinician',
        status: 'invited',
        invitedAt: '2026-11-01T10:00:00.000Z',
      },
    });
    dynamo
      .on(GetCommand, { Key: memberEmailKey('kim@clinic.example') })
      .resolves({ Item: { orgId: 'demo-clinic', clinicianId: 'kim' } });
    dynamo.on(TransactWriteCommand).rejectsOnce(conflict()).resolves({});
    const store = createDynamoStore(createDb(doc, 'table'));
    expect(await store.members.linkByEmail('subject-kim', 'kim@clinic.example')).toEqual({
      orgId: 'demo-clinic',
      clinicianId: 'kim',
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });
});
