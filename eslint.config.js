import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The arrows of ARCHITECTURE.md, enforced: what each folder must not import. */
const forbidden = (patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map(([group, message]) => ({ group, message })) },
  ],
});

export default tseslint.config(
  { ignores: ['build/', 'cdk.out/', 'node_modules/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import { type X }` alone still loads the module (verbatimModuleSyntax): in the browser that pulled zod into patient pages.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Import zod as `import * as z from 'zod'` (5x smaller bundle, TOOLCHAIN.md).",
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: forbidden([
      [
        ['@aws-sdk/*', 'hono', 'hono/*', '@remix-run/*', 'node:*', 'react', 'react-dom'],
        'shared/ is pure domain code: no I/O, no frameworks.',
      ],
      [
        ['**/functions/**', '**/web/**', '**/infra/**', '#functions/*', '#infra/*', '#tests/*'],
        'shared/ imports nothing of the other folders.',
      ],
    ]),
  },
  {
    files: ['web/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@aws-sdk/*'], message: 'web/ reaches data through the API only.' },
            {
              group: ['**/functions/**', '#functions/*'],
              allowTypeImports: true,
              message: 'web/ imports only types from functions/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['functions/**'],
    rules: forbidden([
      [
        ['**/web/**', '#tests/*', '#infra/*'],
        'functions/ is the server: it reaches the pages only as the Remix build, never web/ code.',
      ],
    ]),
  },
  {
    files: ['infra/**'],
    rules: forbidden([
      [
        ['**/functions/api/*', '#functions/api/*', '**/web/*'],
        'infra/ knows the table definition and entry files, not application logic.',
      ],
    ]),
  },
);
