import * as z from 'zod';
import { toPointer } from './pointer';

/** One field that failed validation: RFC 9457 §3 "errors" extension, with a JSON pointer (RFC 6901). */
export const FieldError = z.object({
  pointer: z.string().describe('JSON pointer to the field, e.g. /options/0/name'),
  detail: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** application/problem+json (RFC 9457), the one shape of every API error. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  // Extension members (RFC 9457 §3.2), such as `current` on a conflict.
  .catchall(z.unknown())
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

/** The kinds of problem the API reports; the slug becomes the problem's `type` URI. */
export const problemKinds = {
  'bad-request': { status: 400, title: 'The request could not be read' },
  unauthenticated: { status: 401, title: 'Sign-in is needed' },
  forbidden: { status: 403, title: 'This is not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Someone else changed this first' },
  gone: { status: 410, title: 'This is no longer available' },
  'precondition-failed': { status: 412, title: 'Someone else changed this first' },
  'payload-too-large': { status: 413, title: 'The request is too large' },
  'unsupported-media-type': { status: 415, title: 'Send JSON' },
  'validation-failed': { status: 422, title: 'Some fields need attention' },
  'precondition-required': { status: 428, title: 'Say which revision you changed' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'The service is not available right now' },
} as const satisfies Record<string, { status: number; title: string }>;
export type ProblemKind = keyof typeof problemKinds;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(kind: ProblemKind): string {
  return `/problems/${kind}`;
}

export function makeProblem(
  kind: ProblemKind,
  extra: {
    detail?: string;
    errors?: FieldError[];
    requestId?: string;
    instance?: string;
    extensions?: Record<string, unknown>;
  } = {},
): Problem {
  const { status, title } = problemKinds[kind];
  const { extensions, ...members } = extra;
  return { ...extensions, type: problemType(kind), title, status, ...members };
}

/** Field errors from a zod failure, one per issue, each with its pointer. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    pointer: toPointer(issue.path),
    detail: issue.message,
  }));
}
