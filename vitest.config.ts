import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // One DynamoDB Local (in memory) for the whole run; each test file makes its own table.
    globalSetup: ['tests/support/dynamodb.global.ts'],
    setupFiles: ['tests/support/console.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
