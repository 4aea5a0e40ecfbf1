import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { normaliseEmail } from '#shared/members';
import type { MemberDirectory } from '../auth/member-directory';
import type { Db } from '../store/db';
import { ConditionFailedError } from '../store/errors';
import { keys } from '../store/keys';
import type { DevAccount } from './issuer';

/**
 * Local only: the development issuer's accounts, as Cognito's user pool is in
 * AWS. The seeded clinicians are always there; an invited person's account is
 * kept in the local table (one partition, `keys.devAccount`), so it survives
 * restarts of `npm run dev`, and appears on the issuer's sign-in page with a
 * fresh subject, as Cognito would give one.
 */
export interface DevDirectory extends MemberDirectory {
  /** Every account the issuer can sign in, the seeded ones first. */
  accounts(): Promise<DevAccount[]>;
}

const AccountItem = z.object({
  subject: z.string(),
  email: z.string(),
  name: z.string(),
  emailVerified: z.boolean().default(true),
});

export function createDevDirectory(db: Db, seeded: readonly DevAccount[]): DevDirectory {
  const stored = async (): Promise<DevAccount[]> => {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.devAccount('').pk },
      }),
    );
    return Items.map((item) => ({ ...AccountItem.parse(item), organisation: 'Invited' }));
  };
  const accounts = async () => [...seeded, ...(await stored())];

  return {
    accounts,
    async invite({ email, name }) {
      const address = normaliseEmail(email);
      if ((await accounts()).some((account) => normaliseEmail(account.email) === address)) {
        // A seeded account, or one left from before: signing in links it all the same.
        return { created: false };
      }
      try {
        await db.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...keys.devAccount(address),
              subject: randomUUID(),
              email: address,
              name,
              emailVerified: true,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) return { created: false };
        throw error;
      }
      return { created: true };
    },
    async remove(email) {
      await db.send(
        new DeleteCommand({ TableName: db.tableName, Key: keys.devAccount(normaliseEmail(email)) }),
      );
    },
  };
}
