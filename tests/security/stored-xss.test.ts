import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AidContent } from '#shared/aid/schema';
import { aidLimits } from '#shared/aid/limits';
import type { Aid } from '#shared/aid/aids';
import type { CreatedInvitation } from '#shared/invitations';
import { invitationLimits } from '#shared/invitation-limits';
import type { DecisionRecord, RecordView } from '#shared/record/schema';
import { publishableAid } from '../support/aids';
import { launchBrowser } from '../e2e/support/browser';
import { answerSteps, DEMO_EMAIL, json, servedSite, withHeaders } from './support';

/**
 * Script in every text a clinician or a patient can write, stored through the
 * API, then every page that shows it rendered in Chromium (the production
 * build, hydrated): nothing runs. The exports carry it as inert text.
 */

/** Payloads that run `window.__xss = n` if any page puts them in the document as markup. */
const payloads = [
  (n: number) => `<script>window.__xss=${n}</script>`,
  (n: number) => `<img src=x onerror="window.__xss=${n}">`,
  (n: number) => `"><svg onload=window.__xss=${n}>`,
  (n: number) => `javascript:window.__xss=${n}`,
  (n: number) => `</script><script>window.__xss=${n}</script>`,
  (n: number) => `'><iframe srcdoc="<script>parent.__xss=${n}</script>">`,
  (n: number) => `</textarea><details open ontoggle=window.__xss=${n}>`,
  (n: number) => `<a href="javascript:window.__xss=${n}">link ${n}</a>`,
];
let counter = 0;
/** Text with the next payload in it, within a field's limit; each gets its own number, so a firing says which field it was. */
const marked = (text: string, max: number) => {
  counter += 1;
  const fitting = [...payloads.slice(counter % payloads.length), ...payloads]
    .map((payload) => payload(counter))
    .find((payload) => payload.length <= max);
  if (!fitting) throw new Error(`No payload fits in ${max} characters`);
  return `${text.slice(0, Math.max(0, max - fitting.length - 1))} ${fitting}`.trim();
};

/** Keys whose strings are ids, choices or dates, not free text. */
const notText = new Set([
  'id',
  'kind',
  'certainty',
  'unit',
  'fit',
  'language',
  'sourceIds',
  'evidenceReviewedOn',
  'reviewBy',
  'date',
  'doi',
  'pmid',
  'url',
  'topic',
]);
/** The most characters each free-text field of an aid takes. */
const limits: Record<string, number> = {
  title: aidLimits.title,
  condition: aidLimits.condition,
  question: aidLimits.question,
  audience: aidLimits.audience,
  name: aidLimits.authorName,
  description: aidLimits.optionDescription,
  label: aidLimits.rowLabel,
  text: aidLimits.cellText,
  outcome: aidLimits.outcome,
  detail: aidLimits.attestationDetail,
  referenceClass: aidLimits.referenceClass,
  citation: aidLimits.citation,
  credentials: aidLimits.credentials,
  funding: aidLimits.funding,
  conflictsOfInterest: aidLimits.conflictsOfInterest,
  evidenceMethods: aidLimits.evidenceMethods,
  updatePolicy: aidLimits.updatePolicy,
};

/** Every authored free-text field of the aid, with a payload in it. */
function withPayloads(value: unknown, key = ''): unknown {
  if (typeof value === 'string')
    return notText.has(key)
      ? value
      : marked(value, Math.min(limits[key] ?? 80, aidLimits.optionName));
  if (Array.isArray(value)) return value.map((item) => withPayloads(item, key));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPayloads(v, k)]));
  return value;
}

type Served = Awaited<ReturnType<typeof servedSite>>;
let site: Served;

/** A patient invited to the aid (their clinic reference marked), who has answered every step with payloads. */
async function patientRecord() {
  const invited = await site.request(
    '/api/invitations',
    json(
      'POST',
      {
        aidId: aid.id,
        version: 1,
        clinicReference: marked('Appt', invitationLimits.clinicReference),
      },
      { authorization: `Bearer ${bearer}` },
    ),
  );
  expect(invited.status, await invited.clone().text()).toBe(201);
  const token = ((await invited.json()) as CreatedInvitation).link.split('/p/')[1]!;
  const patientCookie = await site.patientSession(token);
  const patient = (url: string, init: RequestInit = {}) =>
    site.request(url, withHeaders(init, { cookie: `dt_patient=${patientCookie}` }));
  const record = await answerSteps(patient, content, {
    ownConcern: marked('My garden', 200),
    worries: marked('I worry', 1000),
    questions: marked('How long?', 2000),
    note: marked('A leaflet', 1000),
  });
  return { token, recordId: record.id, patientCookie };
}
let browser: BrowserContext;
let content: AidContent;
let aid: Aid;
let token: string;
let recordId: string;
let clinicianCookie: string;
let patientCookie: string;
let bearer: string;

beforeAll(async () => {
  site = await servedSite();
  bearer = await site.tokenFor(DEMO_EMAIL);
  const clinician = (url: string, init: RequestInit = {}) =>
    site.request(url, withHeaders(init, { authorization: `Bearer ${bearer}` }));

  content = withPayloads(publishableAid()) as AidContent;
  const created = (await (
    await clinician('/api/aids', json('POST', { title: 'Draft', condition: 'Draft' }))
  ).json()) as Aid;
  const saved = await clinician(
    `/api/aids/${created.id}`,
    json('PUT', { content, revision: created.revision }),
  );
  expect(saved.status, await saved.clone().text()).toBe(200);
  aid = (await saved.json()) as Aid;
  const published = await clinician(
    `/api/aids/${aid.id}/publish`,
    json('POST', { revision: aid.revision }),
  );
  expect(published.status, await published.clone().text()).toBe(201);

  ({ token, recordId, patientCookie } = await patientRecord());
  clinicianCookie = await site.sessionFor(DEMO_EMAIL);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Loads a page as its reader, lets it hydrate, and reports what ran. */
async function visit(path: string, as: 'clinician' | 'patient', patient = patientCookie) {
  const page: Page = await browser.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await browser.clearCookies();
  await browser.addCookies([
    as === 'clinician'
      ? { name: 'dt_session', value: clinicianCookie, url: site.origin }
      : { name: 'dt_patient', value: patient, url: `${site.origin}/patient` },
  ]);
  const response = await page.goto(`${site.origin}${path}`, { waitUntil: 'load' });
  // Hydrated: Remix's router is up in the page, so its scripts ran over the stored text too.
  await page.waitForFunction(
    () =>
      (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter
        ?.state.initialized === true,
  );
  await page.waitForTimeout(100);
  const fired = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
  // What a reader sees: the text, and what is in the form's boxes.
  const text = await page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll('input, textarea')].map(
        (field) => (field as HTMLInputElement).value,
      ),
    ].join('\n'),
  );
  await page.close();
  return { status: response?.status(), fired, dialogs, errors, text };
}

/** The page showed the payloads as text, and none of them ran. */
async function expectInert(
  path: string,
  as: 'clinician' | 'patient',
  options: { url?: string; patient?: string } = {},
) {
  const seen = await visit(options.url ?? path, as, options.patient);
  expect(seen.status, `${path}: status`).toBe(200);
  expect(seen.fired, `${path}: a payload ran (its number says which field)`).toBeUndefined();
  expect(seen.dialogs, `${path}: dialogs`).toEqual([]);
  expect(seen.errors, `${path}: script errors`).toEqual([]);
  // Not vacuous: the stored text is on the page, as text.
  expect(seen.text, `${path}: shows the payloads as text`).toMatch(/__xss=\d+/);
}

describe('stored script in the texts of an aid and a record', () => {
  it('notices a payload that runs, and a dialog (so that their absence means something)', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent(`<p>${payloads[1]!(99)}</p><img src=x onerror="alert('x')">`);
    await page.waitForFunction(() => (window as unknown as { __xss?: unknown }).__xss === 99);
    await expect.poll(() => dialogs).toEqual(['x']);
    await page.close();
  });

  it('refuses javascript: addresses where a link is stored', async () => {
    const source = await site.request(
      `/api/aids/${aid.id}`,
      json(
        'PUT',
        {
          content: {
            ...content,
            sources: [{ ...content.sources[0]!, url: 'javascript:window.__xss=1' }],
          },
          revision: aid.revision + 1,
        },
        { authorization: `Bearer ${bearer}` },
      ),
    );
    expect(source.status).toBe(422);
    expect(await source.text()).toContain('/content/sources/0/url');
    const link = await site.request(
      '/api/patient/record/steps/questions',
      json(
        'PUT',
        {
          revision: 1,
          answers: { questions: '', readElsewhere: { note: '', link: 'javascript:alert(1)' } },
        },
        { cookie: `dt_patient=${patientCookie}` },
      ),
    );
    expect(link.status).toBe(422);
  });

  it("runs nothing on the patient's pages before the visit", async () => {
    await expectInert('/p/{token}', 'patient', { url: `/p/${token}` });
    for (const step of ['options', 'values', 'leaning', 'sure', 'questions', 'summary']) {
      await expectInert(`/patient/${step}`, 'patient');
    }
  }, 120_000);

  it("runs nothing on the clinician's pages, before and after deciding", async () => {
    for (const path of [
      '/',
      `/aids/${aid.id}`,
      `/aids/${aid.id}/preview`,
      `/aids/${aid.id}/versions`,
      `/aids/${aid.id}/versions/1`,
      '/invitations',
      '/records',
      `/records/${recordId}`,
      `/records/${recordId}/together`,
    ]) {
      await expectInert(path, 'clinician');
    }
  }, 120_000);

  it('runs nothing on the decided record and the consult view; the exports carry it as text', async () => {
    const decided = await patientRecord();
    const clinician = (url: string, init: RequestInit = {}) =>
      site.request(url, withHeaders(init, { authorization: `Bearer ${bearer}` }));
    const id = decided.recordId;
    const view = (await (await clinician(`/api/records/${id}`)).json()) as RecordView;
    const decision = await clinician(
      `/api/records/${id}/decision`,
      json('POST', {
        revision: view.record.revision,
        clientToken: 'xss-decision',
        choice: { kind: 'option', optionId: content.options[0]!.id },
        notes: marked('Start', 4000),
        openQuestions: [marked('Winter', 300), marked('Cost', 300)],
        followUp: marked('Review', 500),
        participants: marked('Her son', 300),
      }),
    );
    expect(decision.status, await decision.clone().text()).toBe(201);
    let record: DecisionRecord = ((await decision.json()) as RecordView).record;
    const amended = await clinician(
      `/api/records/${id}/amendments`,
      json('POST', {
        revision: record.revision,
        clientToken: 'xss-amendment',
        reason: marked('Typo', 1000),
        changes: { notes: marked('Corrected', 4000) },
      }),
    );
    expect(amended.status, await amended.clone().text()).toBe(201);
    record = ((await amended.json()) as RecordView).record;
    const comment = marked('Yes', 1000);
    const confirmed = await site.request(
      `/api/records/${id}/confirmation`,
      json(
        'POST',
        { revision: record.revision, clientToken: 'xss-confirm', comment },
        { cookie: `dt_patient=${decided.patientCookie}` },
      ),
    );
    expect(confirmed.status, await confirmed.clone().text()).toBe(201);

    await expectInert('/patient/record', 'patient', { patient: decided.patientCookie });
    await expectInert(`/records/${id}`, 'clinician');
    await expectInert(`/records/${id}/together`, 'clinician');
    await expectInert('/records', 'clinician');

    // The PDF: the payloads are text on the page, and the file holds no script, action or link.
    const pdf = await clinician(`/api/records/${id}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).not.toMatch(
      /\/(JavaScript|JS|Launch|OpenAction|AA|SubmitForm|ImportData|RichMedia)\b/,
    );
    expect(raw).not.toMatch(/\/URI\s*\(\s*javascript:/i);
    const text = await pdfText(bytes);
    expect(text).toMatch(/window\.__xss=\d+/);

    // FHIR: the payloads are JSON strings as typed; the narratives (XHTML) carry them escaped.
    const fhir = await clinician(`/api/records/${id}/export.fhir.json`);
    expect(fhir.status).toBe(200);
    expect(fhir.headers.get('content-type')).toMatch(/^application\/(fhir\+)?json/);
    const bundle = (await fhir.json()) as unknown;
    const narratives = stringsOf(bundle, 'div');
    expect(narratives.length).toBeGreaterThan(0);
    // Every tag is one the export writes, without attributes: a payload let through would add its own.
    const tags = narratives.flatMap((div) => [...div.matchAll(/<\/?([^\s>/]+)([^>]*)>/g)]);
    const foreign = tags.filter(
      ([tag, name, attributes]) =>
        !['div', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'br', 'span'].includes(name!) ||
        (attributes!.trim() !== '' && tag !== '<div xmlns="http://www.w3.org/1999/xhtml">'),
    );
    expect(foreign.map(([tag]) => tag)).toEqual([]);
    expect(narratives.join('\n')).toContain(escapeHtml(comment));
    const plain = stringsOf(bundle).filter((text) => !narratives.includes(text));
    expect(plain.filter((text) => /__xss=\d+/.test(text)).length).toBeGreaterThan(5);

    // The aid's file: JSON that no browser may read as a page, holding the texts exactly as written.
    const file = await clinician(`/api/aids/${aid.id}/export?version=1`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^application\/json/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await file.json()) as { content: AidContent }).content).toEqual(content);
  }, 120_000);
});

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Every string in a JSON value, or only those under a key. */
function stringsOf(value: unknown, key?: string, under = false): string[] {
  if (typeof value === 'string') return key === undefined || under ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item, key, under));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, key, under || k === key));
  return [];
}

/** The text of every page of a PDF, as pdf.js reads it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({
    data: bytes,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const { items } = await (await pdf.getPage(number)).getTextContent();
    pages.push(items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('\n');
}
