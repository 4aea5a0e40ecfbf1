import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app';
import { loadLocalPdfRenderer } from '#functions/exports/local-pdf';
import { createDynamoClients, createDb } from '#functions/store/db';
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
});
