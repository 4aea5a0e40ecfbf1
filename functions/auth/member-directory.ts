/**
 * The identity provider's side of an organisation's members (ADR 17): an
 * invited person gets an account there, which is how they learn to sign in;
 * a removed member's account goes. Amazon Cognito in AWS
 * (`cognito-directory.ts`, loaded on first use), the development issuer's
 * accounts locally (`functions/dev/dev-directory.ts`).
 */
export interface MemberDirectory {
  /**
   * Makes the person's account. `created` is false when an account with this
   * address was there already and is kept (locally, a seeded account), so
   * that undoing the invitation leaves it alone.
   * MemberAccountExistsError when the provider refuses a second account.
   */
  invite(person: { email: string; name: string }): Promise<{ created: boolean }>;
  /** Removes the person's account; one already gone is not an error. */
  remove(email: string): Promise<void>;
}

/** The identity provider already has an account with this address. */
export class MemberAccountExistsError extends Error {
  constructor(cause?: unknown) {
    super('The identity provider already has an account with this email address', { cause });
    this.name = 'MemberAccountExistsError';
  }
}

/** The identity provider refused the address itself. */
export class MemberAccountRefusedError extends Error {
  constructor(cause?: unknown) {
    super('The identity provider refused the email address', { cause });
    this.name = 'MemberAccountRefusedError';
  }
}

/** The identity provider is throttling, failing, or not set up here; trying later may work. */
export class MemberDirectoryUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The identity provider is not available', { cause });
    this.name = 'MemberDirectoryUnavailableError';
  }
}

/** Where no identity provider is set up to manage (no user pool named): invitations wait. */
export const noMemberDirectory: MemberDirectory = {
  invite: () => Promise.reject(new MemberDirectoryUnavailableError('no member directory')),
  remove: async () => undefined,
};

/**
 * A directory loaded on its first use and kept for the process, so that its
 * SDK stays out of every other request's cold start; a failed load is tried
 * again on the next use. `translate` names its failures in this bundle's
 * errors (a module loaded apart has its own copies of any classes).
 */
export function lazyMemberDirectory(
  load: () => Promise<MemberDirectory>,
  translate: (error: unknown) => unknown = (error) => error,
): MemberDirectory {
  let loading: Promise<MemberDirectory> | undefined;
  const directory = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new MemberDirectoryUnavailableError(error);
    }));
  const translated = async <T>(call: (directory: MemberDirectory) => Promise<T>) => {
    const loaded = await directory();
    try {
      return await call(loaded);
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    invite: (person) => translated((d) => d.invite(person)),
    remove: (email) => translated((d) => d.remove(email)),
  };
}

const cognitoUnavailable = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'InternalErrorException',
  'CodeDeliveryFailureException',
  'ServiceUnavailable',
  'ThrottlingException',
  'TimeoutError',
  'AbortError',
]);

/** Cognito's failures (by their names: the SDK is not loaded here) as the directory's own. */
export function translateCognitoError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'UsernameExistsException' || error.name === 'AliasExistsException') {
    return new MemberAccountExistsError(error);
  }
  if (error.name === 'InvalidParameterException') return new MemberAccountRefusedError(error);
  if (
    cognitoUnavailable.has(error.name) ||
    (error as { $fault?: string }).$fault === 'server' ||
    (error as { code?: string }).code === 'ECONNREFUSED'
  ) {
    return new MemberDirectoryUnavailableError(error);
  }
  return error;
}

/** The Cognito directory (`cognito-directory.ts`), loaded on first use, its failures named here. */
export const cognitoMemberDirectory = (load: () => Promise<MemberDirectory>): MemberDirectory =>
  lazyMemberDirectory(load, translateCognitoError);
