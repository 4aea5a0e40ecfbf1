import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoDirectory } from '#functions/auth/cognito-directory';
import { cognitoMemberDirectory } from '#functions/auth/member-directory';

/**
 * The Cognito member directory as the Lambda wires it (loaded on first use, its
 * failures named in the main bundle's errors), on a test pool. Tests answer for
 * Cognito with `mockClient(CognitoIdentityProviderClient)`.
 */
export const testCognitoDirectory = () =>
  cognitoMemberDirectory(async () =>
    createCognitoDirectory({
      userPoolId: 'eu-west-2_Test',
      client: new CognitoIdentityProviderClient({
        region: 'eu-west-2',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
    }),
  );
