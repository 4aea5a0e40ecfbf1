import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { AidDiff } from '#shared/aid/diff';
import { diffAids } from '#shared/aid/diff-aids';
import { starterContent } from '#shared/aid/starter';
import {
  Aid,
  AID_EXPORT_FORMAT,
  AID_EXPORT_VERSION,
  AidExport,
  AidPage,
  AidUpdate,
  AidVersion,
  AidVersionPage,
  NewAid,
  PublishedAidList,
  PublishRequest,
} from '#shared/aid/aids';
import { AidChecks } from '#shared/checks/results';
import { Id, Pagination } from '#shared/ids';
import { VersionInsights } from '#shared/record/schema';
import { versionInsights } from '#shared/record/insights';
import { AidChangedError, NotFoundError } from '#functions/store/errors';
import { clinicianActor, readsWithSession, requireClinician } from '../auth';
import type { ApiEnv } from '../env';
import { describe } from '../openapi';
import { ProblemError } from '../problem-error';
import { jsonBody, pathParams, queryParams } from '../validate';

/** The checks (readability, IPDAS, numbers) load with the first request that runs them, not at every cold start. */
const loadChecks = () => import('#shared/checks/checks');

const AidParams = z.object({ aidId: Id });
const VersionParams = z.object({ aidId: Id, number: z.coerce.number().int().min(1).max(999_999) });
const ExportQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
/** A version number, or "draft" for the current draft. */
const DiffSide = z.union([z.literal('draft'), z.coerce.number().int().min(1)]);
const DiffQuery = z.object({ from: DiffSide, to: DiffSide.default('draft') });

const conflictResponses = {
  409: 'The revision sent is not the latest: `current` holds what is saved now',
  412: 'The If-Match revision is not the latest: `current` holds what is saved now',
  428: 'Neither If-Match nor `revision` was sent',
};

type Ctx = Context<ApiEnv>;

const etag = (revision: number) => `"${revision}"`;
const newId = () => randomUUID().slice(0, 8);

async function loadAid(c: Ctx, aidId: string): Promise<Aid> {
  const aid = await c.var.deps.store.aids.get(c.var.principal.orgId, aidId);
  // Another organisation's aid is indistinguishable from one that does not exist.
  if (!aid) throw new NotFoundError('aid');
  return aid;
}

/**
 * The revision a change was based on: If-Match (a stale one is 412) or the
 * body's `revision` (a stale one is 409). Neither is 428: never a blind overwrite.
 */
function expectedRevision(c: Ctx, bodyRevision: number | undefined): number {
  const ifMatch = c.req.header('if-match');
  if (ifMatch !== undefined) {
    const revision = Number(/^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim())?.[1]);
    if (!Number.isInteger(revision) || revision < 1) {
      throw new ProblemError('precondition-failed', {
        detail: 'If-Match must be the ETag of the aid, such as "3".',
      });
    }
    return revision;
  }
  if (bodyRevision !== undefined) return bodyRevision;
  throw new ProblemError('precondition-required', {
    detail:
      'Send the revision you changed, as If-Match or as "revision", so that no one else\'s work is overwritten.',
  });
}

const created = (c: Ctx, aid: Aid) =>
  c.json(aid, 201, { Location: `/api/aids/${aid.id}`, ETag: etag(aid.revision) });

/** Every read of one aid reads the aid first: with the session, when there is one. */
const aidWithSession = readsWithSession((store, { orgId }, { aidId = '' }) =>
  Id.safeParse(aidId).success ? [store.aids.get(orgId, aidId)] : [],
);

export const aids = new Hono<ApiEnv>()
  .use('/:aidId', aidWithSession)
  .use('/:aidId/*', aidWithSession)
  .use(requireClinician)
  .get(
    '/',
    describe({
      summary: "The organisation's decision aids, a page at a time",
      tag: 'aids',
      auth: 'clinician',
      query: true,
      responses: { 200: { description: 'A page of aids', schema: AidPage } },
    }),
    queryParams(Pagination),
    async (c) => {
      const page = await c.var.deps.store.aids.list(c.var.principal.orgId, c.req.valid('query'));
      return c.json(page satisfies AidPage);
    },
  )
  .post(
    '/',
    describe({
      summary: 'Start a new draft aid with a starter grid',
      tag: 'aids',
      auth: 'clinician',
      body: true,
      responses: {
        201: { description: 'The new draft', schema: Aid, headers: ['Location', 'ETag'] },
      },
    }),
    jsonBody(NewAid),
    async (c) => {
      const aid = await c.var.deps.store.aids.create(c.var.principal.orgId, {
        id: randomUUID(),
        content: starterContent(c.req.valid('json'), newId),
        demonstration: false,
        by: clinicianActor(c),
      });
      return created(c, aid);
    },
  )
  .post(
    '/import',
    describe({
      summary:
        'Make a new draft from an exported aid file; nothing is saved if any field is invalid',
      tag: 'aids',
      auth: 'clinician',
      body: true,
      responses: {
        201: { description: 'The new draft', schema: Aid, headers: ['Location', 'ETag'] },
      },
    }),
    jsonBody(AidExport),
    async (c) => {
      // Every problem in the file comes back with its pointer (422), and nothing is saved.
      const file = c.req.valid('json');
      const aid = await c.var.deps.store.aids.create(c.var.principal.orgId, {
        id: randomUUID(),
        content: file.content,
        demonstration: file.demonstration,
        by: clinicianActor(c),
      });
      return created(c, aid);
    },
  )
  .get(
    '/:aidId',
    describe({
      summary: 'The draft of an aid',
      tag: 'aids',
      auth: 'clinician',
      responses: {
        200: { description: 'The draft', schema: Aid, headers: ['ETag'] },
        404: 'No such aid',
      },
    }),
    pathParams(AidParams),
    async (c) => {
      const aid = await loadAid(c, c.req.valid('param').aidId);
      return c.json(aid satisfies Aid, 200, { ETag: etag(aid.revision) });
    },
  )
  .put(
    '/:aidId',
    describe({
      summary:
        'Save the draft, if nobody saved since the revision it was based on (If-Match or `revision`)',
      tag: 'aids',
      auth: 'clinician',
      body: true,
      responses: {
        200: { description: 'Saved', schema: Aid, headers: ['ETag'] },
        404: 'No such aid',
        ...conflictResponses,
      },
    }),
    pathParams(AidParams),
    jsonBody(AidUpdate),
    async (c) => {
      const { aidId } = c.req.valid('param');
      const body = c.req.valid('json');
      const revision = expectedRevision(c, body.revision);
      const aid = await c.var.deps.store.aids.update(
        c.var.principal.orgId,
        aidId,
        revision,
        body.content,
        clinicianActor(c),
      );
      return c.json(aid satisfies Aid, 200, { ETag: etag(aid.revision) });
    },
  )
  .delete(
    '/:aidId',
    describe({
      summary: 'Delete a draft that was never published',
      tag: 'aids',
      auth: 'clinician',
      responses: {
        204: { description: 'Deleted' },
        404: 'No such aid',
        409: 'The aid has published versions, or the revision is not the latest',
      },
    }),
    pathParams(AidParams),
    async (c) => {
      const { aidId } = c.req.valid('param');
      const ifMatch = c.req.header('if-match');
      const revision = ifMatch === undefined ? undefined : expectedRevision(c, undefined);
      await c.var.deps.store.aids.remove(c.var.principal.orgId, aidId, revision);
      return c.body(null, 204);
    },
  )
  .get(
    '/:aidId/checks',
    describe({
      summary:
        'IPDAS criteria (met or missing, with pointers), reading level per text and number checks of the draft',
      tag: 'aids',
      auth: 'clinician',
      responses: {
        200: { description: 'The checks', schema: AidChecks },
        404: 'No such aid',
      },
    }),
    pathParams(AidParams),
    async (c) => {
      const aid = await loadAid(c, c.req.valid('param').aidId);
      const { runChecks } = await loadChecks();
      return c.json(runChecks(aid.content) satisfies AidChecks);
    },
  )
  .post(
    '/:aidId/publish',
    describe({
      summary:
        'Freeze the draft as the next immutable version; the same content twice gives the same version',
      tag: 'aids',
      auth: 'clinician',
      body: true,
      responses: {
        201: {
          description: 'Published as a new version',
          schema: AidVersion,
          headers: ['Location'],
        },
        200: {
          description: 'This content is already the latest version',
          schema: AidVersion,
          headers: ['Location'],
        },
        404: 'No such aid',
        ...conflictResponses,
      },
    }),
    pathParams(AidParams),
    jsonBody(PublishRequest),
    async (c) => {
      const { aidId } = c.req.valid('param');
      const revision = expectedRevision(c, c.req.valid('json').revision);
      const aid = await loadAid(c, aidId);
      if (aid.revision !== revision) throw new AidChangedError(aid);
      const { runChecks } = await loadChecks();
      const { blockers, readability } = runChecks(aid.content);
      if (blockers.length > 0) {
        throw new ProblemError('validation-failed', {
          detail:
            'The aid does not meet the criteria needed to publish yet. Nothing was published.',
          errors: blockers.map((criterion) => ({
            pointer: criterion.pointer ?? '',
            detail: `${criterion.id} ${criterion.title}: ${criterion.explanation}`,
          })),
        });
      }
      const { version, created: isNew } = await c.var.deps.store.aids.publish(
        c.var.principal.orgId,
        aidId,
        revision,
        clinicianActor(c),
        readability.measured ? readability.overall.grade : null,
      );
      return c.json(version satisfies AidVersion, isNew ? 201 : 200, {
        Location: `/api/aids/${aidId}/versions/${version.number}`,
      });
    },
  )
  .get(
    '/:aidId/versions',
    describe({
      summary: 'Published versions, newest first',
      tag: 'aids',
      auth: 'clinician',
      query: true,
      responses: {
        200: { description: 'A page of versions', schema: AidVersionPage },
        404: 'No such aid',
      },
    }),
    pathParams(AidParams),
    queryParams(Pagination),
    async (c) => {
      const { aidId } = c.req.valid('param');
      await loadAid(c, aidId);
      const page = await c.var.deps.store.aids.listVersions(
        c.var.principal.orgId,
        aidId,
        c.req.valid('query'),
      );
      return c.json(page satisfies AidVersionPage);
    },
  )
  .get(
    '/:aidId/versions/:number',
    describe({
      summary: 'One published version, as patients see it',
      tag: 'aids',
      auth: 'clinician',
      responses: {
        200: { description: 'The version', schema: AidVersion },
        404: 'No such version',
      },
    }),
    pathParams(VersionParams),
    async (c) => {
      const { aidId, number } = c.req.valid('param');
      const version = await c.var.deps.store.aids.getVersion(c.var.principal.orgId, aidId, number);
      if (!version) throw new NotFoundError('version');
      // Published versions never change.
      return c.json(version satisfies AidVersion, 200, {
        'Cache-Control': 'private, max-age=3600, immutable',
      });
    },
  )
  .get(
    '/:aidId/versions/:number/insights',
    describe({
      summary:
        'How patients used one version: records by status and the considerations most often rated important — counts only, none below 5 records',
      tag: 'aids',
      auth: 'clinician',
      responses: {
        200: { description: 'The counts, or null below 5 records', schema: VersionInsights },
        404: 'No such version',
      },
    }),
    pathParams(VersionParams),
    async (c) => {
      const { aidId, number } = c.req.valid('param');
      const { store } = c.var.deps;
      const { orgId } = c.var.principal;
      const [version, counts] = await Promise.all([
        store.aids.getVersion(orgId, aidId, number),
        store.records.versionCounts(orgId, aidId, number),
      ]);
      if (!version) throw new NotFoundError('version');
      return c.json(versionInsights(version.content, number, counts) satisfies VersionInsights);
    },
  )
  .get(
    '/:aidId/diff',
    describe({
      summary: 'What changed between two versions, or between a version and the draft',
      tag: 'aids',
      auth: 'clinician',
      query: true,
      responses: {
        200: { description: 'The changes', schema: AidDiff },
        404: 'No such aid or version',
      },
    }),
    pathParams(AidParams),
    queryParams(DiffQuery),
    async (c) => {
      const { aidId } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const contentOf = async (side: 'draft' | number) => {
        if (side === 'draft') return (await loadAid(c, aidId)).content;
        const version = await c.var.deps.store.aids.getVersion(c.var.principal.orgId, aidId, side);
        if (!version)
          throw new ProblemError('not-found', { detail: `There is no version ${side}.` });
        return version.content;
      };
      const [before, after] = await Promise.all([contentOf(from), contentOf(to)]);
      return c.json(diffAids(before, after) satisfies AidDiff);
    },
  )
  .post(
    '/:aidId/duplicate',
    describe({
      summary: 'Copy the draft into a new draft',
      tag: 'aids',
      auth: 'clinician',
      responses: {
        201: { description: 'The copy', schema: Aid, headers: ['Location', 'ETag'] },
        404: 'No such aid',
      },
    }),
    pathParams(AidParams),
    async (c) => {
      const source = await loadAid(c, c.req.valid('param').aidId);
      const copy = await c.var.deps.store.aids.create(c.var.principal.orgId, {
        id: randomUUID(),
        content: { ...source.content, title: `Copy of ${source.content.title}`.slice(0, 200) },
        demonstration: source.demonstration,
        by: clinicianActor(c),
      });
      return created(c, copy);
    },
  )
  .get(
    '/:aidId/export',
    describe({
      summary: 'The draft, or a published version (?version=N), as a JSON file',
      tag: 'aids',
      auth: 'clinician',
      query: true,
      responses: {
        200: { description: 'The aid file', schema: AidExport, headers: ['Content-Disposition'] },
        404: 'No such aid or version',
      },
    }),
    pathParams(AidParams),
    queryParams(ExportQuery),
    async (c) => {
      const { aidId } = c.req.valid('param');
      const { version: number } = c.req.valid('query');
      let file: AidExport;
      if (number === undefined) {
        const aid = await loadAid(c, aidId);
        file = exportFile(aid.content, aid.demonstration, { aidId }, c.var.deps.store.now());
      } else {
        const version = await c.var.deps.store.aids.getVersion(
          c.var.principal.orgId,
          aidId,
          number,
        );
        if (!version) throw new NotFoundError('version');
        file = exportFile(
          version.content,
          version.demonstration,
          { aidId, version: number },
          c.var.deps.store.now(),
        );
      }
      const name = `${slug(file.content.title) || 'aid'}${number ? `-v${number}` : '-draft'}.json`;
      return c.json(file, 200, { 'Content-Disposition': `attachment; filename="${name}"` });
    },
  );

function exportFile(
  content: Aid['content'],
  demonstration: boolean,
  origin: AidExport['origin'],
  now: Date,
): AidExport {
  return {
    format: AID_EXPORT_FORMAT,
    formatVersion: AID_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    demonstration,
    ...(origin ? { origin } : {}),
    content,
  };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** What a patient can be invited to: one item, read with the session (ADR 26). */
export const publishedAids = new Hono<ApiEnv>()
  .use(readsWithSession((store, { orgId }) => [store.aids.readPublished(orgId)]))
  .use(requireClinician)
  .get(
    '/',
    describe({
      summary:
        "The organisation's published aids, each at its latest version and under that version's title, by title",
      tag: 'aids',
      auth: 'clinician',
      responses: { 200: { description: 'Every published aid', schema: PublishedAidList } },
    }),
    async (c) => {
      const items = await c.var.deps.store.aids.listPublished(c.var.principal.orgId);
      return c.json({ items } satisfies PublishedAidList);
    },
  );
