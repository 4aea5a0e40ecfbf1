import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { AidContent } from '#shared/aid/schema';
import { upgradeAidContent } from '#shared/aid/upgrade';
import {
  Actor,
  PublishedAid,
  PublishedRef,
  type Aid,
  type AidPage,
  type AidSummary,
  type AidVersion,
  type AidVersionPage,
} from '#shared/aid/aids';
import { canonicalJson } from '#shared/canonical-json';
import type { Pagination } from '#shared/ids';
import { conditionHeld, putNew, updateOne, writeTogether, type Db } from './db';
import { AidChangedError, ConditionFailedError, NotFoundError, PublishedAidError } from './errors';
import { keys } from './keys';
import { organisationList, queryPage } from './pages';

/** Stored content, in today's shape: drafts and versions saved before a schema change still open. */
function readContent(json: string): AidContent {
  return AidContent.parse(upgradeAidContent(JSON.parse(json)));
}

/** The SHA-256 of the content's canonical JSON: equal content, equal hash. */
export function contentHash(content: AidContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

const SummaryItem = z.object({
  aidId: z.string(),
  title: z.string(),
  condition: z.string(),
  demonstration: z.boolean(),
  revision: z.int(),
  contentHash: z.string(),
  updatedAt: z.string(),
  updatedBy: Actor,
  latestVersion: PublishedRef.optional(),
});
const DraftItem = SummaryItem.extend({ content: z.string(), createdAt: z.string() });
const VersionItem = z.object({
  aidId: z.string(),
  number: z.int(),
  title: z.string(),
  content: z.string(),
  contentHash: z.string(),
  demonstration: z.boolean(),
  publishedAt: z.string(),
  publishedBy: Actor,
  /** Versions published before the grade was stored have none. */
  readingGrade: z.number().nullable().optional(),
});

const summaryAttributes = Object.keys(SummaryItem.shape);
const VersionSummaryItem = VersionItem.pick({
  number: true,
  title: true,
  publishedAt: true,
  publishedBy: true,
  contentHash: true,
});
const versionSummaryAttributes = Object.keys(VersionSummaryItem.shape);

function toSummary(item: z.infer<typeof SummaryItem>) {
  return {
    id: item.aidId,
    title: item.title,
    condition: item.condition,
    demonstration: item.demonstration,
    revision: item.revision,
    updatedAt: item.updatedAt,
    updatedBy: item.updatedBy,
    latestVersion: item.latestVersion ?? null,
    hasUnpublishedChanges: item.latestVersion?.contentHash !== item.contentHash,
  };
}

function toAid(raw: Record<string, unknown>): Aid {
  const item = DraftItem.parse(raw);
  return {
    ...toSummary(item),
    content: readContent(item.content),
    createdAt: item.createdAt,
  };
}

function toVersion(raw: Record<string, unknown>): AidVersion {
  const item = VersionItem.parse(raw);
  return {
    aidId: item.aidId,
    number: item.number,
    title: item.title,
    publishedAt: item.publishedAt,
    publishedBy: item.publishedBy,
    contentHash: item.contentHash,
    demonstration: item.demonstration,
    readingGrade: item.readingGrade ?? null,
    content: readContent(item.content),
  };
}

export interface NewDraft {
  id: string;
  content: AidContent;
  demonstration: boolean;
  by: Actor;
}

export interface AidRepository {
  list(orgId: string, page: Pagination): Promise<AidPage>;
  get(orgId: string, aidId: string): Promise<Aid | null>;
  /** Fails with ConditionFailedError if the id is taken. */
  create(orgId: string, draft: NewDraft): Promise<Aid>;
  /** Saves the draft if it is still at `expectedRevision`; AidChangedError carries what is stored now. */
  update(
    orgId: string,
    aidId: string,
    expectedRevision: number,
    content: AidContent,
    by: Actor,
  ): Promise<Aid>;
  /** Deletes a draft that was never published. */
  remove(orgId: string, aidId: string, expectedRevision?: number): Promise<void>;
  /**
   * Freezes the draft at `expectedRevision` as the next version. Publishing
   * content equal to the latest version returns that version (`created: false`).
   */
  publish(
    orgId: string,
    aidId: string,
    expectedRevision: number,
    by: Actor,
    /** The whole aid's reading grade as the checks measured it (null when not measured). */
    readingGrade: number | null,
  ): Promise<{ version: AidVersion; created: boolean }>;
  listVersions(orgId: string, aidId: string, page: Pagination): Promise<AidVersionPage>;
  getVersion(orgId: string, aidId: string, version: number): Promise<AidVersion | null>;
  /**
   * Every published aid of the organisation, latest version each, by title: one
   * item (ADR 26), made once from the drafts for organisations older than it.
   */
  listPublished(orgId: string): Promise<PublishedAid[]>;
  /**
   * The same from its item alone, one read (what a request reads ahead with its
   * session); null while the item does not hold every published aid yet.
   */
  readPublished(orgId: string): Promise<PublishedAid[] | null>;
}

/** How many aids one update of the published aids' item names: expressions stay under 4 KB. */
const PUBLISHED_PER_UPDATE = 40;

const byTitle = (a: PublishedAid, b: PublishedAid) =>
  a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

/** The aids in the published aids' item (`aid#{id}` attributes). */
function publishedIn(item: Record<string, unknown> | undefined): PublishedAid[] {
  return Object.entries(item ?? {})
    .filter(([name]) => name.startsWith(keys.publishedAidAttribute('')))
    .map(([, value]) => PublishedAid.parse(value));
}

export function draftItem(orgId: string, draft: NewDraft, now: string) {
  return {
    ...keys.aid(orgId, draft.id),
    orgId,
    aidId: draft.id,
    revision: 1,
    title: draft.content.title,
    condition: draft.content.condition,
    content: JSON.stringify(draft.content),
    contentHash: contentHash(draft.content),
    demonstration: draft.demonstration,
    createdAt: now,
    updatedAt: now,
    updatedBy: draft.by,
  };
}

/**
 * Published versions, parsed once per process: a version never changes after
 * it is written (ADR 21). Keyed by table too, so stores on other tables (tests)
 * never share one; the least recently read goes first past the limit.
 */
const versionCache = new Map<string, AidVersion>();
const VERSION_CACHE_LIMIT = 100;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function createAidRepository(db: Db): AidRepository {
  const getDraft = async (orgId: string, aidId: string) =>
    (
      await db.send(
        new GetCommand({
          TableName: db.tableName,
          Key: keys.aid(orgId, aidId),
          ConsistentRead: true,
        }),
      )
    ).Item;

  /** The aid as stored now; not found when it is gone. */
  const existingAid = async (orgId: string, aidId: string) => {
    const item = await getDraft(orgId, aidId);
    if (!item) throw new NotFoundError('aid');
    return toAid(item);
  };

  const readPublishedItem = async (orgId: string) => {
    const { Item } = await db.send(
      new GetCommand({
        TableName: db.tableName,
        Key: keys.publishedAids(orgId),
        ConsistentRead: true,
      }),
    );
    const kept = publishedIn(Item);
    return { complete: Item?.['complete'] === true ? kept.sort(byTitle) : null, kept };
  };

  const repository: AidRepository = {
    // Lists never carry the content: it can be large.
    list: organisationList(db, keys.aidPrefix, (item) => toSummary(SummaryItem.parse(item)), {
      attributes: summaryAttributes,
    }),

    async get(orgId, aidId) {
      const item = await getDraft(orgId, aidId);
      return item ? toAid(item) : null;
    },

    async create(orgId, draft) {
      const item = draftItem(orgId, draft, db.now().toISOString());
      await db.send(
        new PutCommand({
          TableName: db.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return toAid(item);
    },

    async update(orgId, aidId, expectedRevision, content, by) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: keys.aid(orgId, aidId),
            UpdateExpression:
              'SET content = :content, contentHash = :hash, title = :title, #condition = :condition, revision = :next, updatedAt = :now, updatedBy = :by',
            ConditionExpression: 'attribute_exists(pk) AND revision = :expected',
            ExpressionAttributeNames: { '#condition': 'condition' },
            ExpressionAttributeValues: {
              ':content': JSON.stringify(content),
              ':hash': contentHash(content),
              ':title': content.title,
              ':condition': content.condition,
              ':next': expectedRevision + 1,
              ':expected': expectedRevision,
              ':now': db.now().toISOString(),
              ':by': by,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toAid(Attributes ?? {});
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        throw new AidChangedError(await existingAid(orgId, aidId));
      }
    },

    async remove(orgId, aidId, expectedRevision) {
      try {
        await db.send(
          new DeleteCommand({
            TableName: db.tableName,
            Key: keys.aid(orgId, aidId),
            ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(latestVersion)${expectedRevision === undefined ? '' : ' AND revision = :expected'}`,
            ...(expectedRevision === undefined
              ? {}
              : { ExpressionAttributeValues: { ':expected': expectedRevision } }),
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        const aid = await existingAid(orgId, aidId);
        if (aid.latestVersion) throw new PublishedAidError();
        throw new AidChangedError(aid);
      }
    },

    async publish(orgId, aidId, expectedRevision, by, readingGrade) {
      const draft = await existingAid(orgId, aidId);
      if (draft.revision !== expectedRevision) throw new AidChangedError(draft);
      const hash = contentHash(draft.content);
      if (draft.latestVersion?.contentHash === hash) {
        const existing = await repository.getVersion(orgId, aidId, draft.latestVersion.number);
        if (existing) return { version: existing, created: false };
      }
      const number = (draft.latestVersion?.number ?? 0) + 1;
      const publishedAt = db.now().toISOString();
      const version: AidVersion = {
        aidId,
        number,
        title: draft.content.title,
        publishedAt,
        publishedBy: by,
        contentHash: hash,
        demonstration: draft.demonstration,
        readingGrade,
        content: draft.content,
      };
      const published = await conditionHeld(
        writeTogether(db, [
          updateOne(db, {
            Key: keys.aid(orgId, aidId),
            UpdateExpression: 'SET latestVersion = :latest',
            // Still the revision that was checked, and nobody published in between.
            ConditionExpression:
              'revision = :expected AND ' +
              (draft.latestVersion
                ? 'latestVersion.#number = :previous'
                : 'attribute_not_exists(latestVersion)'),
            ...(draft.latestVersion ? { ExpressionAttributeNames: { '#number': 'number' } } : {}),
            ExpressionAttributeValues: {
              ':latest': { number, publishedAt, contentHash: hash },
              ':expected': expectedRevision,
              ...(draft.latestVersion ? { ':previous': draft.latestVersion.number } : {}),
            },
          }),
          putNew(db, {
            ...keys.aidVersion(orgId, aidId, number),
            orgId,
            ...version,
            content: JSON.stringify(draft.content),
          }),
          updateOne(db, {
            Key: keys.publishedAids(orgId),
            UpdateExpression: 'SET #aid = :published',
            ExpressionAttributeNames: { '#aid': keys.publishedAidAttribute(aidId) },
            ExpressionAttributeValues: {
              ':published': {
                id: aidId,
                title: version.title,
                version: number,
                publishedAt,
                demonstration: version.demonstration,
              } satisfies PublishedAid,
            },
          }),
        ]),
      );
      if (!published) {
        const aid = await existingAid(orgId, aidId);
        // Published at the same moment by another request (a double click, a retry): the same version.
        if (aid.revision === expectedRevision && aid.latestVersion?.contentHash === hash) {
          const existing = await repository.getVersion(orgId, aidId, aid.latestVersion.number);
          if (existing) return { version: existing, created: false };
        }
        throw new AidChangedError(aid);
      }
      return { version, created: true };
    },

    async readPublished(orgId) {
      return (await readPublishedItem(orgId)).complete;
    },

    async listPublished(orgId) {
      const { complete, kept } = await readPublishedItem(orgId);
      if (complete) return complete;
      // Aids published before the item existed: read from their drafts once, then kept.
      const drafts: AidSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository.list(orgId, { limit: 100, cursor });
        drafts.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const versions = await Promise.all(
        drafts.flatMap((aid) =>
          aid.latestVersion ? [repository.getVersion(orgId, aid.id, aid.latestVersion.number)] : [],
        ),
      );
      const found = versions.flatMap((version): PublishedAid[] =>
        version
          ? [
              {
                id: version.aidId,
                title: version.title,
                version: version.number,
                publishedAt: version.publishedAt,
                demonstration: version.demonstration,
              },
            ]
          : [],
      );
      for (let i = 0; i === 0 || i < found.length; i += PUBLISHED_PER_UPDATE) {
        const chunk = found.slice(i, i + PUBLISHED_PER_UPDATE);
        const last = i + PUBLISHED_PER_UPDATE >= found.length;
        const names: Record<string, string> = {};
        const values: Record<string, unknown> = {};
        // A publication written meanwhile is newer than what the drafts said: it stays.
        const clauses = chunk.map((published, n) => {
          names[`#a${n}`] = keys.publishedAidAttribute(published.id);
          values[`:a${n}`] = published;
          return `#a${n} = if_not_exists(#a${n}, :a${n})`;
        });
        if (last) {
          names['#complete'] = 'complete';
          values[':complete'] = true;
          clauses.push('#complete = :complete');
        }
        await db.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: keys.publishedAids(orgId),
            UpdateExpression: `SET ${clauses.join(', ')}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
      }
      const latest = new Map(found.map((published) => [published.id, published]));
      for (const published of kept) {
        const other = latest.get(published.id);
        if (!other || other.version < published.version) latest.set(published.id, published);
      }
      return [...latest.values()].sort(byTitle);
    },

    listVersions(orgId, aidId, { limit, cursor }) {
      return queryPage(db, {
        partition: { name: 'pk', value: keys.aidVersion(orgId, aidId, 1).pk },
        sortKey: { name: 'sk', prefix: keys.aidVersionPrefix },
        attributes: versionSummaryAttributes,
        newestFirst: true,
        limit,
        cursor,
        read: (item) => VersionSummaryItem.parse(item),
      });
    },

    async getVersion(orgId, aidId, version) {
      const cacheKey = JSON.stringify([db.tableName, orgId, aidId, version]);
      const cached = versionCache.get(cacheKey);
      if (cached) {
        versionCache.delete(cacheKey);
        versionCache.set(cacheKey, cached);
        return cached;
      }
      const { Item } = await db.send(
        new GetCommand({ TableName: db.tableName, Key: keys.aidVersion(orgId, aidId, version) }),
      );
      if (!Item) return null;
      // Frozen: whoever changed a shared version by mistake would fail at once.
      const found = deepFreeze(toVersion(Item));
      versionCache.set(cacheKey, found);
      if (versionCache.size > VERSION_CACHE_LIMIT)
        versionCache.delete(versionCache.keys().next().value!);
      return found;
    },
  };
  return repository;
}
