import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  indexActions,
  localSetupCommands,
  queriedIndexes,
  storeCommands,
  tableActions,
} from '#functions/store/permissions';
import { tableDefinition } from '#functions/store/table';

/** The store's own source files, tests and the permissions list aside. */
const storeDir = path.resolve('functions/store');
const sources = readdirSync(storeDir)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'permissions.ts')
  .map((file) => ({ file, text: readFileSync(path.join(storeDir, file), 'utf8') }));

const commandsIn = (text: string) =>
  [...text.matchAll(/new\s+([A-Z]\w*Command)\s*\(/g)].map((match) => match[1]!);

describe('the DynamoDB permissions the store declares', () => {
  it('list exactly the commands functions/store sends (a new command fails here until it is listed)', () => {
    const sent = new Set(
      sources.filter(({ file }) => file !== 'setup.ts').flatMap(({ text }) => commandsIn(text)),
    );
    expect([...sent].sort()).toEqual(Object.keys(storeCommands).sort());
  });

  it('keep table creation to setup.ts, which only DynamoDB Local uses and the Lambda never imports', () => {
    const setup = sources.find(({ file }) => file === 'setup.ts')!;
    expect([...new Set(commandsIn(setup.text))].sort()).toEqual([...localSetupCommands].sort());
    const lambdaEntries = readdirSync(path.resolve('functions/entries'))
      .filter((file) => /^lambda.*\.ts$/.test(file))
      .map((file) => readFileSync(path.resolve('functions/entries', file), 'utf8'));
    for (const entry of lambdaEntries) expect(entry).not.toMatch(/store\/setup/);
    const others = sources.filter(({ file }) => file !== 'setup.ts');
    for (const { text } of others) expect(text).not.toMatch(/from '\.\/setup'/);
  });

  it('grant ConditionCheckItem because a transaction holds a ConditionCheck, and no Scan, BatchWrite or wildcard', () => {
    const transactionKinds = new Set(
      sources.flatMap(({ text }) =>
        [...text.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:\s*(\{|eventPut)/g)].map(
          (match) => match[1]!,
        ),
      ),
    );
    expect([...transactionKinds].sort()).toEqual(['ConditionCheck', 'Delete', 'Put', 'Update']);
    expect(tableActions).toEqual(
      [
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        // Only while a store file sends a BatchGetCommand (request-scope.ts).
        ...(Object.keys(storeCommands).includes('BatchGetCommand')
          ? ['dynamodb:BatchGetItem']
          : []),
      ].sort(),
    );
    expect(tableActions.some((action) => /Scan|BatchWrite|\*/.test(action))).toBe(false);
  });

  it('name the indexes the store queries, which are every index the table has', () => {
    const queried = new Set(
      sources.flatMap(({ text }) => [...text.matchAll(/'(gsi\d+)'/g)].map((match) => match[1]!)),
    );
    expect([...queried].sort()).toEqual([...queriedIndexes].sort());
    expect(Object.keys(tableDefinition.indexes).sort()).toEqual([...queriedIndexes].sort());
    expect(indexActions).toEqual(['dynamodb:Query']);
  });
});
