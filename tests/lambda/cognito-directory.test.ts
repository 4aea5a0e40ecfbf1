import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as CognitoDirectory from '#functions/auth/cognito-directory';
import {
  cognitoMemberDirectory,
  MemberAccountExistsError,
  MemberDirectoryUnavailableError,
} from '#functions/auth/member-directory';

/**
 * The Cognito directory as the Lambda loads it: its own file beside the
 * handler (`npm run build`). Its failures cross into the main bundle's errors
 * by name, since the file has its own copies of any class it bundles.
 */
const file = path.resolve('build/lambda/cognito-directory.mjs');

describe('the bundled Cognito directory', () => {
  it("is a file of its own, and its failures become the main bundle's errors", async () => {
    if (!existsSync(file))
      throw new Error(
        'No bundle at build/lambda/cognito-directory.mjs: run `npm run build` first.',
      );
    const failures = [
      Object.assign(new Error('User account already exists'), { name: 'UsernameExistsException' }),
      Object.assign(new Error('Internal error'), { name: 'InternalErrorException' }),
    ];
    const client = { send: async () => Promise.reject(failures.shift()) };
    const directory = cognitoMemberDirectory(async () => {
      const module = (await import(
        /* @vite-ignore */ pathToFileURL(file).href
      )) as typeof CognitoDirectory;
      return module.createCognitoDirectory({
        userPoolId: 'eu-west-2_Test',
        client: client as never,
      });
    });
    const person = { email: 'jo@clinic.example', name: 'Jo' };
    await expect(directory.invite(person)).rejects.toBeInstanceOf(MemberAccountExistsError);
    await expect(directory.invite(person)).rejects.toBeInstanceOf(MemberDirectoryUnavailableError);
  });
});
