import * as z from 'zod';
import { typedText } from '../text';
import { AidContent } from './schema';
import { aidLimits } from './limits';
import { upgradeAidContent } from './upgrade';
import { Id } from '../ids';

/** Who did something, as the record shows it. */
export const Actor = z.object({ id: Id, name: z.string() }).meta({ id: 'Actor' });
export type Actor = z.infer<typeof Actor>;

/** The latest published version of an aid, in brief. */
export const PublishedRef = z
  .object({
    number: z.int().min(1),
    publishedAt: z.iso.datetime(),
    contentHash: z.string(),
  })
  .meta({ id: 'PublishedRef' });
export type PublishedRef = z.infer<typeof PublishedRef>;

/** A published aid as an invitation offers it: its latest version, under that version's title. */
export const PublishedAid = z
  .object({
    id: Id,
    title: z.string(),
    version: z.int().min(1),
    publishedAt: z.iso.datetime(),
    demonstration: z.boolean(),
  })
  .meta({ id: 'PublishedAid' });
export type PublishedAid = z.infer<typeof PublishedAid>;

/** Every published aid of the organisation, by title. */
export const PublishedAidList = z
  .object({ items: z.array(PublishedAid) })
  .meta({ id: 'PublishedAidList' });
export type PublishedAidList = z.infer<typeof PublishedAidList>;

/** What a list of aids shows about each one. */
export const AidSummary = z
  .object({
    id: Id,
    title: z.string(),
    condition: z.string(),
    /** Demonstration content is labelled as such wherever it is shown, and stays so in copies. */
    demonstration: z.boolean(),
    /** Increases with every saved change of the draft; send it back (If-Match) to update. */
    revision: z.int().min(1),
    updatedAt: z.iso.datetime(),
    updatedBy: Actor,
    latestVersion: PublishedRef.nullable(),
    /** The draft differs from the latest published version (or nothing is published yet). */
    hasUnpublishedChanges: z.boolean(),
  })
  .meta({ id: 'AidSummary' });
export type AidSummary = z.infer<typeof AidSummary>;

/** The draft of an aid: what clinicians edit. */
export const Aid = AidSummary.extend({
  content: AidContent,
  createdAt: z.iso.datetime(),
}).meta({ id: 'Aid' });
export type Aid = z.infer<typeof Aid>;

export const AidPage = z
  .object({
    items: z.array(AidSummary),
    /** Pass as `cursor` to get the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AidPage' });
export type AidPage = z.infer<typeof AidPage>;

/** A new draft aid: a title and the condition; the grid starts with two options and two questions. */
export const NewAid = z
  .object({
    title: typedText('Give the aid a title')
      .trim()
      .min(1, 'Give the aid a title')
      .max(aidLimits.title, `Keep the title to ${aidLimits.title} characters or fewer`),
    condition: typedText('Name the health condition')
      .trim()
      .min(1, 'Name the health condition')
      .max(aidLimits.condition, `Keep the condition to ${aidLimits.condition} characters or fewer`),
  })
  .meta({ id: 'NewAid' });
export type NewAid = z.infer<typeof NewAid>;

/** A changed draft. The revision it was based on comes as If-Match, or here. */
export const AidUpdate = z
  .object({
    // A client still sending numbers in the old shape keeps them: upgraded, never dropped.
    content: z.preprocess(upgradeAidContent, AidContent),
    revision: z.int().min(1).max(1_000_000_000).optional(),
  })
  .meta({ id: 'AidUpdate' });
export type AidUpdate = z.infer<typeof AidUpdate>;

export const PublishRequest = z
  .object({ revision: z.int().min(1).max(1_000_000_000).optional() })
  .meta({ id: 'PublishRequest' });

/** A published version, in brief. */
export const AidVersionSummary = z
  .object({
    number: z.int().min(1),
    title: z.string(),
    publishedAt: z.iso.datetime(),
    publishedBy: Actor,
    contentHash: z.string(),
  })
  .meta({ id: 'AidVersionSummary' });
export type AidVersionSummary = z.infer<typeof AidVersionSummary>;

/** A published version: immutable; patients' records point at it. */
export const AidVersion = AidVersionSummary.extend({
  aidId: Id,
  demonstration: z.boolean(),
  /** The whole aid's reading grade, measured when it was published; null before that was kept, or for an aid not in English. */
  readingGrade: z.number().nullable(),
  content: AidContent,
}).meta({ id: 'AidVersion' });
export type AidVersion = z.infer<typeof AidVersion>;

export const AidVersionPage = z
  .object({
    items: z.array(AidVersionSummary),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AidVersionPage' });
export type AidVersionPage = z.infer<typeof AidVersionPage>;

export const AID_EXPORT_FORMAT = 'decide-together/aid';
/** 2: numbers name their outcome and give their time frame as a value and a unit. */
export const AID_EXPORT_VERSION = 2;

/** A format 1 file, read as format 2: its content is brought to today's shape. */
function upgradeAidFile(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('formatVersion' in raw)) return raw;
  return raw.formatVersion === 1 && 'content' in raw
    ? { ...raw, formatVersion: AID_EXPORT_VERSION, content: upgradeAidContent(raw.content) }
    : raw;
}

/**
 * An aid as a file: export writes it, import reads it back as a new draft.
 * Files of format 1 are still read: they are upgraded on the way in.
 */
export const AidExport = z.preprocess(
  upgradeAidFile,
  z
    .object({
      format: z.literal(AID_EXPORT_FORMAT, {
        error: `This is not a Decide Together aid file ("format" must be "${AID_EXPORT_FORMAT}")`,
      }),
      formatVersion: z.literal(AID_EXPORT_VERSION, {
        error: 'This file was made by a newer version of Decide Together',
      }),
      exportedAt: z.iso.datetime().optional(),
      demonstration: z.boolean().default(false),
      /** Where it came from: the aid and, for a published version, its number. */
      origin: z.object({ aidId: Id, version: z.int().min(1).optional() }).optional(),
      content: AidContent,
    })
    .meta({ id: 'AidExport' }),
);
export type AidExport = z.infer<typeof AidExport>;
