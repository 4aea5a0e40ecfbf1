import * as z from 'zod';

/** Ids are opaque, URL-safe and never contain key syntax. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use 1 to 64 letters, digits, "-" or "_"');

export const Pagination = z.object({
  limit: z.coerce
    .number()
    .int('Limit must be a whole number')
    .min(1, 'Limit must be at least 1')
    .max(100, 'Limit must be 100 or less')
    .default(25),
  cursor: z.string().max(512, 'Cursor is too long').optional(),
});
export type Pagination = z.infer<typeof Pagination>;
