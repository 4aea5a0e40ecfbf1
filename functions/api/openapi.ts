import type { Env, Hono, Schema } from 'hono';
import { describeRoute, generateSpecs, resolver } from 'hono-openapi';
import type * as z from 'zod';
import { Problem, PROBLEM_CONTENT_TYPE } from '#shared/problem';
import { PATIENT_COOKIE, SESSION_COOKIE } from '../auth/cookies';

/**
 * Each route describes itself where it is declared (`describe(…)` in its
 * chain), with the very schemas its validators check; the document is made
 * from the app's routes. Request and response bodies are components named by
 * their schema's `meta({ id })` in shared/.
 */

/** An answer of a route: a JSON body with its schema, another media type, or no body. */
interface Answer {
  description: string;
  schema?: z.ZodType;
  /** A body that is not JSON, such as application/pdf. */
  contentType?: string;
  headers?: string[];
}

export interface RouteDoc {
  summary: string;
  tag: 'operations' | 'identity' | 'members' | 'aids' | 'invitations' | 'records' | 'patient';
  /** Who may call it: a clinician (bearer token or session cookie), a patient's session, either, or anyone. */
  auth: 'clinician' | 'patient' | 'clinician-or-patient' | 'none';
  /** It reads a JSON body: 400, 413, 415 and 422 may answer. */
  body?: boolean;
  /** It reads query parameters: 422 may answer. */
  query?: boolean;
  /** Answers by status; a string is a problem+json answer (4xx, 5xx) with that description. */
  responses: Record<number, Answer | string>;
}

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: resolver(Problem) } },
});

function answer(entry: Answer | string) {
  if (typeof entry === 'string') return problem(entry);
  return {
    description: entry.description,
    ...(entry.schema
      ? { content: { 'application/json': { schema: resolver(entry.schema) } } }
      : {}),
    ...(entry.contentType ? { content: { [entry.contentType]: {} } } : {}),
    ...(entry.headers
      ? {
          headers: Object.fromEntries(
            entry.headers.map((h) => [h, { schema: { type: 'string' } }]),
          ),
        }
      : {}),
  };
}

const security: Record<RouteDoc['auth'], Array<Record<string, string[]>>> = {
  clinician: [{ bearer: [] }, { session: [] }],
  patient: [{ patientSession: [] }],
  'clinician-or-patient': [{ bearer: [] }, { session: [] }, { patientSession: [] }],
  none: [],
};

/** Each described route's description, by its middleware: tests check real answers against it. */
const routeDocs = new WeakMap<object, RouteDoc>();
export const routeDocOf = (handler: unknown): RouteDoc | undefined =>
  typeof handler === 'function' ? routeDocs.get(handler) : undefined;

/** Describes a route for the API document; the common problems follow from what it reads. */
export function describe(doc: RouteDoc) {
  const responses: Record<string, unknown> = {};
  for (const [status, entry] of Object.entries(doc.responses)) {
    if (typeof entry === 'string' && Number(status) < 400)
      throw new Error(`A ${status} answer is not a problem: describe it with { description }`);
    responses[status] = answer(entry);
  }
  if (doc.auth !== 'none')
    responses['401'] ??= problem('Not signed in, or the token or session is not valid');
  if (doc.body) {
    responses['400'] ??= problem('The body is not valid JSON');
    responses['413'] ??= problem('The body is too large');
    responses['415'] ??= problem('The body is not JSON');
    responses['422'] ??= problem('Some fields are not valid; `errors` points at each');
  }
  if (doc.query) responses['422'] ??= problem('Some parameters are not valid');
  responses['500'] = problem('An unexpected fault; nothing internal is shown');
  responses['503'] = problem('The data store is not answering; try again (Retry-After)');
  const middleware = describeRoute({
    summary: doc.summary,
    tags: [doc.tag],
    security: security[doc.auth],
    responses: responses as never,
  });
  routeDocs.set(middleware, doc);
  return middleware;
}

/** The OpenAPI 3.1 document of every described route of the app. */
export async function openApiDocument<E extends Env, S extends Schema, P extends string>(
  app: Hono<E, S, P>,
) {
  const document = await generateSpecs(app, {
    defaultValidationErrorResponse: false,
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'Decide Together API',
        version: '1',
        description:
          'Shared decision-making aids, invitations and decision records. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          patientSession: { type: 'apiKey', in: 'cookie', name: PATIENT_COOKIE },
        },
      },
    },
  });
  return document;
}
