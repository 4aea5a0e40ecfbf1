import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  CodeDeliveryFailureException,
  CognitoIdentityProviderClient,
  InvalidParameterException,
  TooManyRequestsException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  lazyMemberDirectory,
  MemberAccountExistsError,
  MemberAccountRefusedError,
  MemberDirectoryUnavailableError,
  noMemberDirectory,
} from '#functions/auth/member-directory';
import { testCognitoDirectory } from '#tests/support/cognito';

const cognito = mockClient(CognitoIdentityProviderClient);
afterEach(() => cognito.reset());

/** As the Lambda wires it: loaded on first use, its failures named in the main bundle's errors. */
const directory = testCognitoDirectory;
const person = { email: 'jo@clinic.example', name: 'Dr Jo' };
const metadata = { $metadata: {} };

describe('the Cognito member directory', () => {
  it('makes an account whose address Cognito mails and counts as verified', async () => {
    cognito.on(AdminCreateUserCommand).resolves({});
    expect(await directory().invite(person)).toEqual({ created: true });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toMatchObject({
      Username: 'jo@clinic.example',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: expect.arrayContaining([{ Name: 'email_verified', Value: 'true' }]),
    });
  });

  it("says what went wrong in the directory's own words", async () => {
    const cases = [
      [new UsernameExistsException({ message: 'exists', ...metadata }), MemberAccountExistsError],
      [new InvalidParameterException({ message: 'bad', ...metadata }), MemberAccountRefusedError],
      [
        new TooManyRequestsException({ message: 'slow down', ...metadata }),
        MemberDirectoryUnavailableError,
      ],
    ] as const;
    for (const [error, expected] of cases) {
      cognito.reset();
      cognito.on(AdminCreateUserCommand).rejects(error);
      await expect(directory().invite(person)).rejects.toBeInstanceOf(expected);
    }
  });

  it('takes an account back when its invitation mail could not be sent', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new CodeDeliveryFailureException({ message: 'no mail', ...metadata }));
    cognito.on(AdminDeleteUserCommand).resolves({});
    await expect(directory().invite(person)).rejects.toBeInstanceOf(
      MemberDirectoryUnavailableError,
    );
    expect(cognito.commandCalls(AdminDeleteUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-2_Test',
      Username: 'jo@clinic.example',
    });
  });

  it('removes an account; one already gone is not an error', async () => {
    cognito
      .on(AdminDeleteUserCommand)
      .rejectsOnce(Object.assign(new Error('gone'), { name: 'UserNotFoundException' }))
      .resolves({});
    await expect(directory().remove('jo@clinic.example')).resolves.toBeUndefined();
    await expect(directory().remove('jo@clinic.example')).resolves.toBeUndefined();
  });
});

describe('loading the directory', () => {
  it('loads it once, on first use, and tries again after a failed load', async () => {
    let loads = 0;
    const lazy = lazyMemberDirectory(async () => {
      loads += 1;
      if (loads === 1) throw new Error('module not found');
      return { invite: async () => ({ created: true }), remove: async () => undefined };
    });
    expect(loads).toBe(0);
    await expect(lazy.invite(person)).rejects.toBeInstanceOf(MemberDirectoryUnavailableError);
    expect(await lazy.invite(person)).toEqual({ created: true });
    await lazy.remove(person.email);
    expect(loads).toBe(2);
  });

  it('without a directory, invitations wait (unavailable) and removals go ahead', async () => {
    await expect(noMemberDirectory.invite(person)).rejects.toBeInstanceOf(
      MemberDirectoryUnavailableError,
    );
    await expect(noMemberDirectory.remove(person.email)).resolves.toBeUndefined();
  });
});
