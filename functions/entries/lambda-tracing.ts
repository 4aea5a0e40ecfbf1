import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as Tracing from '../log/tracing';

/**
 * The document client the store uses, with the DynamoDB client captured by
 * X-Ray when tracing is on. The tracer is imported in the background from the
 * cold start (its own chunk), and the first store call waits for it, so that
 * every call is traced but no request pays for the X-Ray SDK while it waits
 * on anything else. With tracing off (locally, in tests) the client is
 * returned as it is and the module is never loaded.
 */
export function tracedDocumentClient(
  clients: { client: DynamoDBClient; doc: DynamoDBDocumentClient },
  options: {
    tracing: boolean;
    serviceName: string;
    load?: () => Promise<typeof Tracing>;
    onError?: (error: unknown) => void;
  },
): DynamoDBDocumentClient {
  const { client, doc } = clients;
  if (!options.tracing) return doc;
  const load = options.load ?? (() => import('../log/tracing'));
  // A tracer that fails to load costs the traces, never a request.
  let ready: Promise<void> | null = load().then(
    (tracing) => void tracing.captureClient(client, options.serviceName),
    (error: unknown) => options.onError?.(error),
  );
  const send = doc.send.bind(doc);
  const traced = Object.create(doc) as DynamoDBDocumentClient;
  traced.send = (async (...args: Parameters<typeof send>) => {
    if (ready) {
      await ready;
      ready = null;
    }
    return send(...args);
  }) as typeof send;
  return traced;
}
