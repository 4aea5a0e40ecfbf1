/**
 * Members' accounts in the Amazon Cognito user pool (ADR 17). Bundled as a
 * file of its own (scripts/bundle-server.ts) and loaded on the first change
 * to the members, so that its SDK client stays out of every other cold start.
 *
 * Its failures are the SDK's, as they are: the main bundle names them
 * (`cognitoMemberDirectory` in member-directory.ts). Error classes made here
 * would be this file's own copies, which `instanceof` in the main bundle does
 * not know; so this module imports nothing but types from the app.
 */
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { MemberDirectory } from './member-directory';

/** How long one call may take, retries included, before the API answers 503. */
const DEADLINE_MS = 5_000;

const named = (error: unknown, name: string) => error instanceof Error && error.name === name;

export function createCognitoDirectory(options: {
  userPoolId: string;
  /** Tests pass one; otherwise one client for the process, in the Lambda's region. */
  client?: CognitoIdentityProviderClient;
}): MemberDirectory {
  const { userPoolId } = options;
  const client =
    options.client ??
    new CognitoIdentityProviderClient({
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
    });
  /** One call within the deadline. */
  const call = <T>(send: (options: { abortSignal: AbortSignal }) => Promise<T>) =>
    send({ abortSignal: AbortSignal.timeout(DEADLINE_MS) });
  // The pool signs in by email address (infra/stack.ts), so the address is the username.
  const remove = async (email: string) => {
    try {
      await call((options) =>
        client.send(
          new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: email }),
          options,
        ),
      );
    } catch (error) {
      if (named(error, 'UserNotFoundException')) return;
      throw error;
    }
  };

  return {
    async invite({ email, name }) {
      try {
        await call((options) =>
          client.send(
            new AdminCreateUserCommand({
              UserPoolId: userPoolId,
              Username: email,
              UserAttributes: [
                { Name: 'email', Value: email },
                // The admin vouches for the address, and Cognito mails the temporary
                // password there: whoever signs in with it has read that mailbox.
                { Name: 'email_verified', Value: 'true' },
                { Name: 'name', Value: name },
              ],
              DesiredDeliveryMediums: ['EMAIL'],
            }),
            options,
          ),
        );
      } catch (error) {
        if (
          named(error, 'CodeDeliveryFailureException') ||
          named(error, 'TimeoutError') ||
          named(error, 'AbortError')
        ) {
          // The account may exist without its invitation mail, or have been made after we
          // stopped waiting: take it back, so that a second try starts clean rather than
          // meeting "already exists".
          await remove(email).catch(() => undefined);
        }
        throw error;
      }
      return { created: true };
    },
    remove,
  };
}
