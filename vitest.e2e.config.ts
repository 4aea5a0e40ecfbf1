import { defineConfig } from 'vitest/config';

// Known and written in the README: AWS SDK releases after January 2027 need Node.js 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** End-to-end: the app as `npm run dev` starts it, driven by Debian's Chromium. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    setupFiles: ['tests/support/console.setup.ts'],
    // A whole guide without JavaScript, with axe at every step, on two busy cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts its own app and DynamoDB Local: two at a time suit two cores.
    maxWorkers: 2,
  },
});
