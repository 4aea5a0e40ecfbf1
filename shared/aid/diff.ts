import * as z from 'zod';

/**
 * The differences between two versions of an aid, as the API describes them.
 * `diffAids` itself is zod-free (diff-aids.ts), so that the editor's page can
 * run it without loading zod.
 */
export const AidChange = z
  .object({
    kind: z.enum(['added', 'removed', 'changed', 'moved']),
    area: z.enum(['details', 'option', 'question', 'answer', 'source']),
    /** Where, in words: 'Title', 'Option "Knee replacement": description'. */
    label: z.string(),
    before: z.string().optional(),
    after: z.string().optional(),
    /** The field in the newer content (in the older one for removals). */
    pointer: z.string(),
  })
  .meta({ id: 'AidChange' });
export type AidChange = z.infer<typeof AidChange>;

export const AidDiff = z
  .object({ identical: z.boolean(), changes: z.array(AidChange) })
  .meta({ id: 'AidDiff' });
export type AidDiff = z.infer<typeof AidDiff>;
