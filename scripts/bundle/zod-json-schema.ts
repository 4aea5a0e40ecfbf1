// What hono-openapi's JSON Schema converter (@standard-community/standard-json) takes from
// zod's core, and nothing more: see `onlyZodJsonSchema` in scripts/bundle-server.ts.
export { toJSONSchema } from 'zod/v4/core';
