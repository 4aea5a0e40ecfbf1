import type { Context } from 'hono';
import {
  MemberAccountExistsError,
  MemberAccountRefusedError,
  MemberDirectoryUnavailableError,
} from '../auth/member-directory';
import {
  AidChangedError,
  InvalidCursorError,
  InvitationChangedError,
  LastAdminError,
  LinkChangedError,
  LinkWithdrawnError,
  MemberChangedError,
  MemberEmailTakenError,
  NotFoundError,
  PublishedAidError,
  RecordChangedError,
  StoreUnavailableError,
} from '../store/errors';
import { isTransactionConflict } from '../store/db';
import { ProblemError } from './problem-error';
import { recordRefused } from './record-problems';

/**
 * The store's errors (and the member directory's) as problem+json, in one
 * place. Routes let them pass; null for anything else.
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
  if (error instanceof LinkChangedError) {
    return new ProblemError('conflict', {
      detail: 'The clinic changed this link just now. Please open it again.',
      extensions: { reason: 'changed' },
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
  if (error instanceof MemberEmailTakenError || error instanceof MemberAccountExistsError) {
    const detail =
      error instanceof MemberEmailTakenError
        ? 'Someone with this email address is already a member or invited, here or at another clinic. Nothing was changed.'
        : 'The sign-in service already has an account with this email address. Nothing was changed: ask whoever runs your sign-in service to remove it, then invite again.';
    return new ProblemError('conflict', {
      detail,
      errors: [{ pointer: '/email', detail }],
      extensions: { reason: 'email-taken' },
    });
  }
  if (error instanceof MemberAccountRefusedError) {
    return new ProblemError('validation-failed', {
      errors: [
        { pointer: '/email', detail: 'The sign-in service does not accept this email address.' },
      ],
    });
  }
  if (error instanceof LastAdminError) {
    return new ProblemError('conflict', {
      detail:
        error.change === 'remove'
          ? 'This is the last admin of your organisation, so they cannot be removed. Make another member an admin first.'
          : 'This is the last admin of your organisation, so they stay an admin. Make another member an admin first.',
      extensions: { reason: 'last-admin' },
    });
  }
  if (error instanceof MemberChangedError) {
    return new ProblemError('conflict', {
      detail: 'Someone changed this member at the same moment. Nothing was saved: look again.',
      extensions: { reason: 'changed' },
    });
  }
  if (error instanceof MemberDirectoryUnavailableError) {
    return new ProblemError('unavailable', {
      detail: 'The sign-in service is not answering. Nothing was changed: please try again soon.',
      headers: { 'Retry-After': '5' },
    });
  }
  if (error instanceof InvalidCursorError) {
    return new ProblemError('validation-failed', {
      errors: [
        { pointer: '/cursor', detail: 'This cursor is not valid. Start from the first page.' },
      ],
    });
  }
  // Two writes to one item at the same instant (a save as the clinic withdraws the link):
  // nothing was written, and trying again shortly works.
  if (error instanceof StoreUnavailableError || isTransactionConflict(error)) {
    return new ProblemError('unavailable', {
      detail: 'Please try again in a moment.',
      headers: { 'Retry-After': '2' },
    });
  }
  return null;
}
