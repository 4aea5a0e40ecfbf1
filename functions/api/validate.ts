import { validator } from 'hono/validator';
import type * as z from 'zod';
import { fieldErrors } from '#shared/problem';
import { ProblemError } from './problem-error';

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

function parseOr422<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const count = result.error.issues.length;
    throw new ProblemError('validation-failed', {
      detail: `${count} ${count === 1 ? 'field needs' : 'fields need'} attention; nothing was saved.`,
      errors: fieldErrors(result.error),
    });
  }
  return result.data;
}

/** A JSON body checked against a schema: 415 if not JSON, 400 if malformed, 422 with pointers if invalid. */
export const jsonBody = <T extends z.ZodType>(schema: T) =>
  validator('json', (value, c) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!jsonMediaType.test(mediaType)) {
      throw new ProblemError('unsupported-media-type', {
        detail: 'Send the body as application/json.',
      });
    }
    return parseOr422(schema, value);
  });

/** Query parameters checked against a schema; pointers are relative to the query (e.g. /limit). */
export const queryParams = <T extends z.ZodType>(schema: T) =>
  validator('query', (value) => parseOr422(schema, value));

/** Path parameters checked against a schema; an invalid id is simply not found. */
export const pathParams = <T extends z.ZodType>(schema: T) =>
  validator('param', (value) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new ProblemError('not-found');
    return result.data as z.output<T>;
  });
