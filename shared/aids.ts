import * as z from 'zod';
import { Id } from './ids';

export const AidStatus = z.enum(['draft', 'published']);

/** What a list of aids shows about each one. */
export const AidSummary = z
  .object({
    id: Id,
    title: z.string(),
    condition: z.string(),
    status: AidStatus,
    /** Demonstration content is labelled as such wherever it is shown. */
    demonstration: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AidSummary' });
export type AidSummary = z.infer<typeof AidSummary>;

export const AidPage = z
  .object({
    items: z.array(AidSummary),
    /** Pass as `cursor` to get the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AidPage' });
export type AidPage = z.infer<typeof AidPage>;

/** A new draft aid: what is needed to start one. */
export const NewAid = z
  .object({
    title: z
      .string({ error: 'Give the aid a title' })
      .trim()
      .min(1, 'Give the aid a title')
      .max(200, 'Keep the title to 200 characters or fewer'),
    condition: z
      .string({ error: 'Name the health condition' })
      .trim()
      .min(1, 'Name the health condition')
      .max(200, 'Keep the condition to 200 characters or fewer'),
  })
  .meta({ id: 'NewAid' });
export type NewAid = z.infer<typeof NewAid>;
