/**
 * X-Ray for the DynamoDB client, in Lambda only: Powertools' Tracer records
 * each call as a subsegment of the invocation's trace. It weighs ~125 KB
 * minified (the X-Ray SDK), so the Lambda entry imports this module in the
 * background at a cold start and only when tracing is active
 * (functions/entries/lambda-tracing.ts); the dev server and tests never load it.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';

export function captureClient<T>(client: T, serviceName: string): T {
  return new Tracer({ serviceName }).captureAWSv3Client(client);
}
