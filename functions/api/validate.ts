import type { Context } from 'hono';
import { validator } from 'hono-openapi';
import type * as z from 'zod';
import type { FieldError } from '#shared/problem';
import { toPointer } from '#shared/pointer';
import { ProblemError } from './problem-error';

/**
 * Validators for the routes: each checks its part of the request against a
 * zod schema, which also documents it (hono-openapi), and answers a failure
 * as problem+json with a pointer at each field.
 */

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

/** A Standard Schema issue, as zod reports it through hono-openapi. */
interface Issue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined;
}

function issuePointers(issues: readonly Issue[]): FieldError[] {
  return issues.map((issue) => ({
    pointer: toPointer((issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p))),
    detail: issue.message,
  }));
}

function invalid(issues: readonly Issue[]): ProblemError {
  const count = issues.length;
  return new ProblemError('validation-failed', {
    detail: `${count} ${count === 1 ? 'field needs' : 'fields need'} attention; nothing was saved.`,
    errors: issuePointers(issues),
  });
}

type Result = { success: true } | { success: false; error: readonly Issue[] };

/** A JSON body checked against a schema: 415 if not JSON, 400 if malformed, 422 with pointers if invalid. */
export const jsonBody = <T extends z.ZodType>(schema: T) =>
  validator('json', schema, (result: Result, c: Context) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    // Checked whatever the result: a body that is not JSON was never read.
    if (!jsonMediaType.test(mediaType)) {
      throw new ProblemError('unsupported-media-type', {
        detail: 'Send the body as application/json.',
      });
    }
    if (!result.success) throw invalid(result.error);
  });

/**
 * A JSON body that may be left out: no body (and no Content-Type) is checked
 * as `{}`; a body sent is read as `jsonBody` reads one.
 */
export const optionalJsonBody = <T extends z.ZodType>(schema: T) =>
  validator('json', schema, (result: Result, c: Context) => {
    const contentType = c.req.header('content-type');
    const mediaType = contentType?.split(';')[0]?.trim() ?? '';
    if (contentType !== undefined && !jsonMediaType.test(mediaType)) {
      throw new ProblemError('unsupported-media-type', {
        detail: 'Send the body as application/json.',
      });
    }
    if (!result.success) throw invalid(result.error);
  });

/** Query parameters checked against a schema; pointers are relative to the query (e.g. /limit). */
export const queryParams = <T extends z.ZodType>(schema: T) =>
  validator('query', schema, (result: Result) => {
    if (!result.success) throw invalid(result.error);
  });

/** Path parameters checked against a schema; an invalid id is simply not found. */
export const pathParams = <T extends z.ZodType>(schema: T) =>
  validator('param', schema, (result: Result) => {
    if (!result.success) throw new ProblemError('not-found');
  });
