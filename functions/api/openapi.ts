import * as z from 'zod';
import { Problem } from '#shared/problem';
import { SESSION_COOKIE } from '../auth/cookies';
import { apiSchemas } from './schema-names';

type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * One documented API operation. Route modules declare these beside their
 * routes, with the very schemas their validators use; a test checks that
 * every route is documented and every documented route exists.
 */
export interface Operation {
  method: Method;
  /** Relative to /api, OpenAPI style: /aids/{aidId}. */
  path: string;
  summary: string;
  tag: string;
  /** Needs a signed-in clinician (bearer token or session cookie). */
  auth: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A named schema (see schema-names.ts): bodies are components. */
  body?: z.ZodType;
  responses: Record<
    number,
    {
      description: string;
      schema?: z.ZodType;
      headers?: string[];
      /** A body that is not the API's JSON, such as application/pdf. */
      contentType?: string;
    }
  >;
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: refTo(Problem) } },
});

function refTo(schema: z.ZodType): { $ref: string } {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error('Request and response bodies must be named schemas (schema-names.ts)');
  return { $ref: `#/components/schemas/${id}` };
}

function parameters(where: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export function openApiDocument(operations: readonly Operation[]): Record<string, unknown> {
  const components = z.toJSONSchema(apiSchemas, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  const schemas = Object.fromEntries(
    Object.entries(components.schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(op.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { 'application/json': { schema: refTo(response.schema) } } }
          : {}),
        ...(response.contentType ? { content: { [response.contentType]: {} } } : {}),
        ...(response.headers
          ? {
              headers: Object.fromEntries(
                response.headers.map((h) => [h, { schema: { type: 'string' } }]),
              ),
            }
          : {}),
      };
    }
    if (op.auth) responses['401'] = problemResponse('Not signed in, or the token is not valid');
    if (op.body) {
      responses['400'] = problemResponse('The body is not valid JSON');
      responses['413'] = problemResponse('The body is too large');
      responses['415'] = problemResponse('The body is not JSON');
      responses['422'] = problemResponse('Some fields are not valid; `errors` points at each');
    }
    if (op.query) responses['422'] ??= problemResponse('Some parameters are not valid');
    responses['500'] = problemResponse('An unexpected fault; nothing internal is shown');
    (paths[`/api${op.path}`] ??= {})[op.method] = {
      operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth ? { security: [{ bearer: [] }, { session: [] }] } : {}),
      parameters: [...parameters('path', op.params), ...parameters('query', op.query)],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: refTo(op.body) } },
            },
          }
        : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Decide Together API',
      version: '1',
      description:
        'Shared decision-making aids, invitations and decision records. Errors are application/problem+json (RFC 9457).',
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
    },
  };
}
