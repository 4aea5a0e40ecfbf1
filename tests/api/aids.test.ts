import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DEMO_AID_ID } from '#functions/dev/seed';
import { keys } from '#functions/store/keys';
import type { Aid, AidExport, AidVersion, PublishedAidList } from '#shared/aid/aids';
import { DEMO, OTHER, seededApi } from '../support/api';
import { largestAid, publishableAid } from '../support/aids';
import { jsonRequest as send } from '../support/requests';

type Call = (path: string, init?: RequestInit) => Response | Promise<Response>;

async function newDraft(call: Call, title = 'Hip pain: what are my options?'): Promise<Aid> {
  const response = await call(
    '/api/aids',
    send('POST', { title, condition: 'Hip osteoarthritis' }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as Aid;
}

async function save(call: Call, aid: Aid, content = aid.content): Promise<Aid> {
  const response = await call(
    `/api/aids/${aid.id}`,
    send('PUT', { content }, { 'if-match': `"${aid.revision}"` }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Aid;
}

describe('creating and reading drafts', () => {
  it('starts a draft with a starter grid, a Location and an ETag', async () => {
    const call = await (await seededApi()).as(DEMO);
    const response = await call(
      '/api/aids',
      send('POST', { title: 'Hip pain', condition: 'Hip osteoarthritis' }),
    );
    expect(response.status).toBe(201);
    const aid = (await response.json()) as Aid;
    expect(response.headers.get('location')).toBe(`/api/aids/${aid.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(aid).toMatchObject({
      title: 'Hip pain',
      revision: 1,
      latestVersion: null,
      demonstration: false,
    });
    expect(aid.updatedBy).toEqual({ id: 'demo-clinician', name: 'Dr Alex Morgan' });
    expect(aid.content.options).toHaveLength(2);
    expect(aid.content.options[1]).toMatchObject({ name: 'Wait and review', isNoAction: true });
    expect(aid.content.rows.map((r) => r.kind)).toEqual(['benefit', 'harm']);

    const read = await call(`/api/aids/${aid.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(await read.json()).toEqual(aid);
  });

  it("hides another organisation's aid as if it did not exist, on every route", async () => {
    const other = await (await seededApi()).as(OTHER);
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/checks'],
      ['GET', '/versions'],
      ['GET', '/versions/1'],
      ['GET', '/diff?from=1'],
      ['GET', '/export'],
      ['POST', '/duplicate'],
      ['DELETE', ''],
    ] as const) {
      const response = await other(`/api/aids/${DEMO_AID_ID}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    const put = await other(
      `/api/aids/${DEMO_AID_ID}`,
      send('PUT', { content: publishableAid(), revision: 1 }),
    );
    expect(put.status).toBe(404);
    const publish = await other(`/api/aids/${DEMO_AID_ID}/publish`, send('POST', { revision: 1 }));
    expect(publish.status).toBe(404);
  });

  it('needs a signed-in clinician', async () => {
    const { app } = await seededApi();
    expect((await app.request(`/api/aids/${DEMO_AID_ID}`)).status).toBe(401);
    expect(
      (await app.request('/api/aids', send('POST', { title: 'x', condition: 'y' }))).status,
    ).toBe(401);
  });

  it('treats a malformed id as not found', async () => {
    const call = await (await seededApi()).as(DEMO);
    expect((await call('/api/aids/not%20an%20id')).status).toBe(404);
  });
});

describe('saving a draft', () => {
  it('saves with If-Match, and refuses a stale one with 412 and the current draft', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await newDraft(call);
    const saved = await save(call, draft, publishableAid());
    expect(saved.revision).toBe(2);
    expect(saved.content.title).toBe('Itchy skin: what can I do?');
    expect(saved.title).toBe('Itchy skin: what can I do?');

    const stale = await call(
      `/api/aids/${draft.id}`,
      send('PUT', { content: { ...publishableAid(), title: 'Mine' } }, { 'if-match': '"1"' }),
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    const problem = await stale.json();
    expect(problem.type).toBe('/problems/precondition-failed');
    expect(problem.detail).toContain('Dr Alex Morgan saved a newer revision (2)');
    expect(problem.current).toMatchObject({ revision: 2, title: 'Itchy skin: what can I do?' });
    // Nothing was overwritten.
    expect(((await (await call(`/api/aids/${draft.id}`)).json()) as Aid).content.title).toBe(
      'Itchy skin: what can I do?',
    );
  });

  it('refuses a stale `revision` in the body with 409, and a change without any revision with 428', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await newDraft(call);
    await save(call, draft, publishableAid());
    const stale = await call(
      `/api/aids/${draft.id}`,
      send('PUT', { content: publishableAid(), revision: 1 }),
    );
    expect(stale.status).toBe(409);
    expect((await stale.json()).current.revision).toBe(2);
    const blind = await call(`/api/aids/${draft.id}`, send('PUT', { content: publishableAid() }));
    expect(blind.status).toBe(428);
  });

  it('reports every invalid field with its pointer, and saves nothing', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await newDraft(call);
    const content = publishableAid();
    const broken = {
      ...content,
      language: 'not a language',
      sources: [{ ...content.sources[0]!, url: 'javascript:alert(1)' }],
      options: [content.options[0]],
      rows: content.rows.map((row, i) =>
        i === 0 ? { ...row, cells: { ...row.cells, ghost: { text: 'x', sourceIds: [] } } } : row,
      ),
    };
    const response = await call(
      `/api/aids/${draft.id}`,
      send('PUT', { content: broken, revision: 1 }),
    );
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/content/language', detail: 'Use a language tag such as en, en-GB or es-419' },
        { pointer: '/content/options', detail: 'Give at least 2 options' },
        {
          pointer: '/content/sources/0/url',
          detail: 'Use a full web address starting with https://',
        },
      ]),
    );
    expect(((await (await call(`/api/aids/${draft.id}`)).json()) as Aid).revision).toBe(1);
  });

  it('stores the largest aid the limits allow in one item, and refuses one past the size limit', async () => {
    const { as, table } = await seededApi();
    const call = await as(DEMO);
    const draft = await newDraft(call);
    const saved = await save(call, draft, largestAid());
    expect(saved.content.rows).toHaveLength(20);
    const { Item } = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: keys.aid('demo-clinic', draft.id) }),
    );
    expect(JSON.stringify(Item).length).toBeLessThan(300_000);

    // The same number of characters in a 3-byte script is too large.
    const wide = largestAid();
    wide.rows.forEach((row) =>
      Object.values(row.cells).forEach((cell) => (cell.text = '語'.repeat(600))),
    );
    const response = await call(
      `/api/aids/${draft.id}`,
      send('PUT', { content: wide, revision: saved.revision }),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0]).toEqual({
      pointer: '/content',
      detail: expect.stringMatching(
        /^The aid is too large: \d+ KB of text, and at most 300 KB fit/,
      ),
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await newDraft(call);
    const response = await call(
      `/api/aids/${draft.id}`,
      send('PUT', { content: { ...publishableAid(), title: 'x'.repeat(600_000) }, revision: 1 }),
    );
    expect(response.status).toBe(413);
  });
});

describe('checks and publishing', () => {
  it('lists what blocks publishing a starter draft, with pointers, and refuses to publish it', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await newDraft(call);
    const checks = await (await call(`/api/aids/${draft.id}/checks`)).json();
    expect(checks.blockers.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'C3', 'C4', 'C6']),
    );
    expect(checks.blockers.find((c: { id: string }) => c.id === 'Q2').pointer).toBe('/question');
    expect(checks.readability.target).toBe(8);

    const response = await call(`/api/aids/${draft.id}/publish`, send('POST', { revision: 1 }));
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.errors).toEqual(
      expect.arrayContaining([{ pointer: '/question', detail: expect.stringMatching(/^Q2 /) }]),
    );
    const versions = await (await call(`/api/aids/${draft.id}/versions`)).json();
    expect(versions.items).toEqual([]);
  });

  it('publishes immutable versions; the same content twice is one version; edits make the next', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await save(call, await newDraft(call), publishableAid());

    const first = await call(
      `/api/aids/${draft.id}/publish`,
      send('POST', {}, { 'if-match': `"${draft.revision}"` }),
    );
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/aids/${draft.id}/versions/1`);
    const v1 = (await first.json()) as AidVersion;
    expect(v1).toMatchObject({
      number: 1,
      publishedBy: { id: 'demo-clinician', name: 'Dr Alex Morgan' },
    });
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const again = await call(
      `/api/aids/${draft.id}/publish`,
      send('POST', { revision: draft.revision }),
    );
    expect(again.status).toBe(200);
    expect(((await again.json()) as AidVersion).number).toBe(1);

    const listed = ((await (await call('/api/aids')).json()) as { items: Aid[] }).items.find(
      (a) => a.id === draft.id,
    );
    expect(listed).toMatchObject({ latestVersion: { number: 1 }, hasUnpublishedChanges: false });

    const edited = await save(call, draft, { ...draft.content, title: 'Itchy skin: your options' });
    expect(edited.hasUnpublishedChanges).toBe(true);
    const second = await call(
      `/api/aids/${draft.id}/publish`,
      send('POST', { revision: edited.revision }),
    );
    expect(second.status).toBe(201);
    expect(((await second.json()) as AidVersion).number).toBe(2);

    const one = (await (await call(`/api/aids/${draft.id}/versions/1`)).json()) as AidVersion;
    expect(one.content.title).toBe('Itchy skin: what can I do?');
    expect(one.contentHash).toBe(v1.contentHash);

    const versions = await (await call(`/api/aids/${draft.id}/versions`)).json();
    expect(versions.items.map((v: AidVersion) => v.number)).toEqual([2, 1]);

    const diff = await (await call(`/api/aids/${draft.id}/diff?from=1&to=2`)).json();
    expect(diff).toEqual({
      identical: false,
      changes: [
        {
          kind: 'changed',
          area: 'details',
          label: 'Title',
          pointer: '/title',
          before: 'Itchy skin: what can I do?',
          after: 'Itchy skin: your options',
        },
      ],
    });
    expect((await (await call(`/api/aids/${draft.id}/diff?from=2`)).json()).identical).toBe(true);
    expect((await call(`/api/aids/${draft.id}/versions/9`)).status).toBe(404);
  });

  it('refuses to publish from a stale revision', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await save(call, await newDraft(call), publishableAid());
    const response = await call(`/api/aids/${draft.id}/publish`, send('POST', { revision: 1 }));
    expect(response.status).toBe(409);
    expect((await response.json()).current.revision).toBe(draft.revision);
  });

  it('seeds a demonstration aid that passes every required check', async () => {
    const call = await (await seededApi()).as(DEMO);
    const checks = await (await call(`/api/aids/${DEMO_AID_ID}/checks`)).json();
    expect(checks.blockers).toEqual([]);
    expect(checks.readability.aboveTarget).toEqual([]);
    expect(checks.numbers).toEqual([]);
    const aid = (await (await call(`/api/aids/${DEMO_AID_ID}`)).json()) as Aid;
    expect(aid.demonstration).toBe(true);
    expect(aid.content.sources.every((s) => /not a real study/.test(s.citation))).toBe(true);
  });
});

describe('deleting, duplicating, exporting and importing', () => {
  it('deletes a draft that was never published, and refuses one that was', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await newDraft(call);
    expect(
      (await call(`/api/aids/${draft.id}`, { method: 'DELETE', headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(204);
    expect((await call(`/api/aids/${draft.id}`)).status).toBe(404);

    const published = await save(call, await newDraft(call), publishableAid());
    await call(`/api/aids/${published.id}/publish`, send('POST', { revision: published.revision }));
    const refused = await call(`/api/aids/${published.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toContain('cannot be deleted');
  });

  it('duplicates into a new draft, keeping the demonstration label', async () => {
    const call = await (await seededApi()).as(DEMO);
    const response = await call(`/api/aids/${DEMO_AID_ID}/duplicate`, { method: 'POST' });
    expect(response.status).toBe(201);
    const copy = (await response.json()) as Aid;
    expect(copy.id).not.toBe(DEMO_AID_ID);
    expect(copy).toMatchObject({
      title: 'Copy of Knee osteoarthritis: what are my options?',
      demonstration: true,
      revision: 1,
      latestVersion: null,
    });
  });

  it('exports a draft or a version as a file, and imports it back as a new draft', async () => {
    const call = await (await seededApi()).as(DEMO);
    const exported = await call(`/api/aids/${DEMO_AID_ID}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe(
      'attachment; filename="knee-osteoarthritis-what-are-my-options-draft.json"',
    );
    const file = (await exported.json()) as AidExport;
    expect(file).toMatchObject({
      format: 'decide-together/aid',
      formatVersion: 2,
      demonstration: true,
    });

    const imported = await call('/api/aids/import', send('POST', file));
    expect(imported.status).toBe(201);
    const aid = (await imported.json()) as Aid;
    const original = (await (await call(`/api/aids/${DEMO_AID_ID}`)).json()) as Aid;
    expect(aid.content).toEqual(original.content);
    expect(aid.demonstration).toBe(true);
  });

  it('rejects an invalid file with every problem and its pointer, saving nothing', async () => {
    const call = await (await seededApi()).as(DEMO);
    const before = ((await (await call('/api/aids')).json()) as { items: Aid[] }).items.length;
    const content = publishableAid();
    const response = await call(
      '/api/aids/import',
      send('POST', {
        format: 'decide-together/aid',
        formatVersion: 1,
        content: {
          ...content,
          title: 7,
          options: [{ ...content.options[0], name: 'x'.repeat(81) }, content.options[1]],
          reviewBy: 'next year',
        },
      }),
    );
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.detail).toBe('3 fields need attention; nothing was saved.');
    expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/content/title',
      '/content/options/0/name',
      '/content/reviewBy',
    ]);
    const after = ((await (await call('/api/aids')).json()) as { items: Aid[] }).items.length;
    expect(after).toBe(before);

    const notOurs = await call('/api/aids/import', send('POST', { hello: 'world' }));
    expect(notOurs.status).toBe(422);
    expect((await notOurs.json()).errors[0]).toMatchObject({ pointer: '/format' });
  });
});

describe('at the same moment', () => {
  it('lets exactly one of two simultaneous saves of the same revision win', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await newDraft(call);
    const statuses = await Promise.all(
      ['Mine', 'Theirs'].map(
        async (title) =>
          (
            await call(
              `/api/aids/${draft.id}`,
              send('PUT', { content: { ...draft.content, title }, revision: 1 }),
            )
          ).status,
      ),
    );
    expect(statuses.sort()).toEqual([200, 409]);
    expect(((await (await call(`/api/aids/${draft.id}`)).json()) as Aid).revision).toBe(2);
  });

  it('makes one version from two simultaneous publishes', async () => {
    const call = await (await seededApi()).as(DEMO);
    const draft = await save(call, await newDraft(call), publishableAid());
    const statuses = await Promise.all(
      [1, 2].map(
        async () =>
          (await call(`/api/aids/${draft.id}/publish`, send('POST', { revision: draft.revision })))
            .status,
      ),
    );
    expect(statuses.sort()).toEqual([200, 201]);
    const versions = await (await call(`/api/aids/${draft.id}/versions`)).json();
    expect(versions.items).toHaveLength(1);
  });
});

describe('the published aids, as invitations offer them', () => {
  const publishedList = async (call: Call) =>
    ((await (await call('/api/published-aids')).json()) as PublishedAidList).items;

  it('lists each published aid at its latest version under that version’s title, from the moment it is published, to its organisation only', async () => {
    const { as } = await seededApi();
    const call = await as(DEMO);
    const demo = await publishedList(call);
    expect(demo.map((aid) => aid.id)).toContain(DEMO_AID_ID);

    const draft = await save(call, await newDraft(call), publishableAid());
    expect((await publishedList(call)).map((aid) => aid.id)).not.toContain(draft.id);
    await call(`/api/aids/${draft.id}/publish`, send('POST', { revision: draft.revision }));
    const edited = await save(call, draft, { ...draft.content, title: 'Hip pain: a new title' });
    expect((await publishedList(call)).find((aid) => aid.id === draft.id)).toMatchObject({
      title: draft.content.title,
      version: 1,
      demonstration: false,
    });
    await call(`/api/aids/${draft.id}/publish`, send('POST', { revision: edited.revision }));
    const listed = await publishedList(call);
    expect(listed.find((aid) => aid.id === draft.id)).toMatchObject({
      title: 'Hip pain: a new title',
      version: 2,
    });
    expect(listed.map((aid) => aid.title)).toEqual(
      [...listed.map((aid) => aid.title)].sort((a, b) => a.localeCompare(b)),
    );

    expect(await publishedList(await as(OTHER))).not.toContainEqual(
      expect.objectContaining({ id: draft.id }),
    );
  });

  it('builds the list once from the drafts for an organisation whose aids were published before it', async () => {
    const { as, table } = await seededApi();
    const call = await as(DEMO);
    const draft = await save(call, await newDraft(call), publishableAid());
    await call(`/api/aids/${draft.id}/publish`, send('POST', { revision: draft.revision }));
    const before = await publishedList(call);
    await table.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: keys.publishedAids('demo-clinic') }),
    );

    expect(await publishedList(call)).toEqual(before);
    const { Item } = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: keys.publishedAids('demo-clinic') }),
    );
    expect(Item?.['complete']).toBe(true);
    expect(await table.store.aids.readPublished('demo-clinic')).toEqual(before);
  });
});
