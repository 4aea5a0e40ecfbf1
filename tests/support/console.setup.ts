import { afterEach, beforeEach, vi } from 'vitest';

// Tests fail loudly: an unexpected console.error is a failure unless the test
// replaces console.error itself to expect it.
let unexpected: unknown[][] = [];
beforeEach(() => {
  unexpected = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    unexpected.push(args);
  });
});
afterEach(() => {
  const calls = unexpected;
  vi.restoreAllMocks();
  if (calls.length > 0) {
    throw new Error(
      `console.error was called:\n${calls.map((args) => args.map(String).join(' ')).join('\n')}`,
    );
  }
});
