/** A conditional write found the item not as expected (it exists, or changed since read). */
export class ConditionFailedError extends Error {
  constructor(message = 'The item is not in the expected state') {
    super(message);
    this.name = 'ConditionFailedError';
  }
}

/** The item does not exist in this organisation (or at all: the two look the same). */
export class NotFoundError extends Error {
  constructor(what = 'item') {
    super(`No such ${what}`);
    this.name = 'NotFoundError';
  }
}

/** Someone saved a newer revision first; `current` is what is stored now. */
export class StaleRevisionError<T> extends Error {
  constructor(readonly current: T) {
    super('The item was changed since it was read');
    this.name = 'StaleRevisionError';
  }
}

/** The store is throttling or failing; the request may succeed later. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The data store is not available', { cause });
    this.name = 'StoreUnavailableError';
  }
}

const unavailableErrors = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
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
