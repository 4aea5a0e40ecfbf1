import type { Aid } from '#shared/aid/aids';
import type { Invitation } from '#shared/invitations';
import type { DecisionRecord } from '#shared/record/schema';

/**
 * The store's own errors. Routes let them pass; the API's error handler turns
 * each into problem+json in one place (functions/api/store-problems.ts).
 */

/** The item does not exist in this organisation (or at all: the two look the same). */
export class NotFoundError extends Error {
  constructor(readonly what: 'aid' | 'version' | 'invitation' | 'record' | 'member') {
    super(`No such ${what}`);
    this.name = 'NotFoundError';
  }
}

/** Someone saved a newer revision of the aid's draft first; `current` is what is stored now. */
export class AidChangedError extends Error {
  constructor(readonly current: Aid) {
    super('The aid was changed since it was read');
    this.name = 'AidChangedError';
  }
}

/** The record changed since it was read; `current` is what is stored now. */
export class RecordChangedError extends Error {
  constructor(readonly current: DecisionRecord) {
    super('The record was changed since it was read');
    this.name = 'RecordChangedError';
  }
}

/** The invitation changed since it was read (its link moved at the same moment). */
export class InvitationChangedError extends Error {
  constructor(readonly current: Invitation) {
    super('The invitation was changed since it was read');
    this.name = 'InvitationChangedError';
  }
}

/** The link was withdrawn: it stays so; a new invitation makes a new link. */
/** A link was withdrawn or extended while it was being opened: open it again. */
export class LinkChangedError extends Error {
  constructor() {
    super('The link changed while it was being opened');
    this.name = 'LinkChangedError';
  }
}

export class LinkWithdrawnError extends Error {
  constructor(readonly current: Invitation) {
    super('The link was withdrawn');
    this.name = 'LinkWithdrawnError';
  }
}

/** An aid with published versions cannot be deleted: records point at them. */
export class PublishedAidError extends Error {
  constructor() {
    super('The aid has published versions');
    this.name = 'PublishedAidError';
  }
}

/** The email address already belongs to a member, of this organisation or another. */
export class MemberEmailTakenError extends Error {
  constructor() {
    super('The email address is already a member');
    this.name = 'MemberEmailTakenError';
  }
}

/** The change would leave the organisation without an admin. */
export class LastAdminError extends Error {
  constructor(readonly change: 'demote' | 'remove') {
    super('An organisation keeps at least one admin');
    this.name = 'LastAdminError';
  }
}

/** The member kept changing while the change was tried; nothing was saved. */
export class MemberChangedError extends Error {
  constructor() {
    super('The member was changed at the same moment');
    this.name = 'MemberChangedError';
  }
}

/** A list's cursor that this list did not give out. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not valid');
    this.name = 'InvalidCursorError';
  }
}

/** The store is throttling or failing; the request may succeed later. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The data store is not available', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** A conditional write found the item not as expected; repositories turn it into one of the above. */
export class ConditionFailedError extends Error {
  constructor(message = 'The item is not in the expected state') {
    super(message);
    this.name = 'ConditionFailedError';
  }
}

const unavailableErrors = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  // A single write met a transaction on the same item; the SDK does not retry it.
  'TransactionConflictException',
  'TimeoutError',
  'AbortError',
]);

/** Turns AWS SDK failures into the store's own errors; anything else passes through. */
export function translateStoreError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'ConditionalCheckFailedException') return new ConditionFailedError();
  if (
    error.name === 'TransactionCanceledException' &&
    'CancellationReasons' in error &&
    Array.isArray(error.CancellationReasons) &&
    error.CancellationReasons.some(
      (reason: { Code?: string }) => reason.Code === 'ConditionalCheckFailed',
    )
  ) {
    return new ConditionFailedError();
  }
  if (unavailableErrors.has(error.name) || (error as { code?: string }).code === 'ECONNREFUSED') {
    return new StoreUnavailableError(error);
  }
  return error;
}
