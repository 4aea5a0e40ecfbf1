import { defineConfig } from 'vitest/config';

// Known and written in the README: AWS SDK releases after January 2027 need Node.js 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

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
