import type { Context } from 'hono';
import {
  AidChangedError,
  InvalidCursorError,
  InvitationChangedError,
  LinkWithdrawnError,
  NotFoundError,
  PublishedAidError,
  RecordChangedError,
  StoreUnavailableError,
} from '../store/errors';
import { ProblemError } from './problem-error';
import { recordRefused } from './record-problems';

/**
 * The store's errors as problem+json, in one place. Routes let them pass;
 * null for anything else.
 */
export function storeProblem(error: unknown, c: Context): ProblemError | null {
  if (error instanceof NotFoundError) {
    return new ProblemError('not-found', { detail: `There is no such ${error.what}.` });
  }
  if (error instanceof AidChangedError) {
    const { current } = error;
    // Sent with If-Match, a stale revision is 412; sent in the body, 409.
    const ifMatch = c.req.header('if-match') !== undefined;
    return new ProblemError(ifMatch ? 'precondition-failed' : 'conflict', {
      detail: `${current.updatedBy.name} saved a newer revision (${current.revision}) of this aid. Nothing was overwritten: compare the two and save again.`,
      headers: { ETag: `"${current.revision}"` },
      extensions: { current },
    });
  }
  if (error instanceof RecordChangedError) return recordRefused('changed', error.current);
  if (error instanceof InvitationChangedError) {
    return new ProblemError('conflict', {
      detail: 'Someone changed this link at the same moment. Nothing was saved: look again.',
      extensions: { reason: 'changed', current: error.current },
    });
  }
  if (error instanceof LinkWithdrawnError) {
    return new ProblemError('conflict', {
      detail:
        'This link was withdrawn, and a withdrawn link stays withdrawn. Create a new invitation instead.',
      extensions: { reason: 'withdrawn', current: error.current },
    });
  }
  if (error instanceof PublishedAidError) {
    return new ProblemError('conflict', {
      detail:
        "This aid has published versions, and patients' records point to them, so it cannot be deleted.",
    });
  }
  if (error instanceof InvalidCursorError) {
    return new ProblemError('validation-failed', {
      errors: [
        { pointer: '/cursor', detail: 'This cursor is not valid. Start from the first page.' },
      ],
    });
  }
  if (error instanceof StoreUnavailableError) {
    return new ProblemError('unavailable', {
      detail: 'Please try again in a moment.',
      headers: { 'Retry-After': '2' },
    });
  }
  return null;
}
