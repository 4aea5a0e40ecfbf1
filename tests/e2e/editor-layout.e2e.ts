import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AID_EXPORT_FORMAT, AID_EXPORT_VERSION } from '#shared/aid/aids';
import type { AidContent, AidContentInput } from '#shared/aid/schema';
import { collectConsoleErrors, expectNoAxeViolations } from './support/browser';
import { openClinic, type SignedInClinic } from './support/clinic';

/**
 * The editor with a real grid (ADR 22): three options by six questions fit
 * the page at 1280 and 1024 px, a cell's words, numbers, certainty and
 * sources are edited in the open, and two quick clicks on "Add a question"
 * are two questions, never a conflict with the author's own save.
 */

let clinic: SignedInClinic;
let page: Page;
let errors: string[];
let aidId: string;

/** Three sources whose citations share their first 60 characters. */
const sources = [
  {
    id: 's1',
    citation:
      "Cholesterol Treatment Trialists' (CTT) Collaboration. Efficacy and safety of statin therapy in older people. Lancet 2019;393:407-15.",
    date: '2019',
  },
  {
    id: 's2',
    citation:
      "Cholesterol Treatment Trialists' (CTT) Collaboration. Efficacy and safety of more intensive lowering of LDL cholesterol. Lancet 2010;376:1670-81.",
    date: '2010',
  },
  {
    id: 's3',
    citation:
      "Cholesterol Treatment Trialists' (CTT) Collaboration. Efficacy and safety of LDL-lowering therapy among men and women. Lancet 2015;385:1397-405.",
    date: '2015',
  },
];

const questions: Array<[id: string, question: string, kind: string]> = [
  ['heart', 'Will it lower my chance of a heart attack or stroke?', 'benefit'],
  ['life', 'Will it help me live longer?', 'benefit'],
  ['muscle', 'Could it give me muscle aches?', 'harm'],
  ['diabetes', 'Could it raise my chance of diabetes?', 'harm'],
  ['daily', 'What do I need to do each day?', 'practical'],
  ['checks', 'How often do I need check-ups?', 'practical'],
];

const options = [
  { id: 'statin', name: 'Take a statin', description: 'A tablet once a day, for years.' },
  {
    id: 'exercise',
    name: 'More exercise and a change of diet',
    description: 'Walk most days and eat less fat and sugar, with help from a nurse.',
  },
  {
    id: 'wait',
    name: 'Wait and check again',
    description: 'No change now; check your cholesterol again in a year.',
    isNoAction: true,
  },
];

/** A statin aid as a clinic would write it, numbers and sources in every cell. */
function statinAid(): AidContentInput {
  return {
    title: 'High cholesterol: should I take a statin?',
    condition:
      'High cholesterol can clog the blood vessels. Over time this can lead to a heart attack or a stroke.',
    question: 'Should I take a statin to lower my cholesterol?',
    audience: 'Adults aged 40 to 75 with high cholesterol and no heart disease yet.',
    language: 'en',
    options,
    rows: questions.map(([id, question, kind], r) => ({
      id,
      question,
      label: question.replace(/\?$/, ''),
      kind: kind as 'benefit',
      cells: Object.fromEntries(
        options.map((option, o) => [
          option.id,
          {
            text: `About ${10 + r + o} in 100 people like you who choose this have it happen over 10 years. Most people do not notice any change from one day to the next.`,
            numbers: [
              {
                outcome: 'have it happen',
                numerator: 10 + r + o,
                denominator: 100,
                timeFrame: { value: 10, unit: 'years' as const },
                referenceClass: 'people like you',
              },
            ],
            certainty: 'moderate' as const,
            sourceIds: [sources[o]!.id],
          },
        ]),
      ),
    })),
    sources,
    authors: [{ name: 'Dr Test Author', credentials: 'GP' }],
    funding: 'No outside funding.',
    conflictsOfInterest: 'None.',
    evidenceMethods: 'We used the largest reviews of statin trials.',
    updatePolicy: 'We check the evidence every year.',
  };
}

const field = (name: string) => page.locator(`[name="${name}"]`);

async function waitForSave() {
  await expect
    .poll(() => page.locator('#save-status').textContent(), { timeout: 30_000 })
    .toMatch(/^(All changes saved|Saved)/);
}

/** The page and the grid both fit their width: nothing scrolls sideways. */
async function widths() {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const grid = document.querySelector('.grid-scroll')!;
    return {
      page: { scroll: root.scrollWidth, client: root.clientWidth },
      grid: { scroll: grid.scrollWidth, client: grid.clientWidth },
    };
  });
}

async function expectNoSidewaysScroll() {
  const { page: whole, grid } = await widths();
  expect(whole.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(whole.client);
  expect(grid.scroll, 'the grid scrolls sideways').toBeLessThanOrEqual(grid.client);
}

async function draft(): Promise<{ revision: number; content: AidContent }> {
  const response = await page.request.get(`${clinic.app.url}/api/aids/${aidId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { revision: number; content: AidContent };
}

beforeAll(async () => {
  clinic = await openClinic();
  page = clinic.page;
  errors = collectConsoleErrors(page);
  const token = await fetch(`${clinic.app.url}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'clinician@demo.example' }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const imported = await fetch(`${clinic.app.url}/api/aids/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      format: AID_EXPORT_FORMAT,
      formatVersion: AID_EXPORT_VERSION,
      content: statinAid(),
    }),
  });
  expect(imported.status).toBe(201);
  aidId = ((await imported.json()) as { id: string }).id;
});

afterAll(() => clinic?.close());

describe('the editor with three options by six questions', () => {
  for (const width of [1280, 1024]) {
    it(`fits ${width} px without scrolling sideways, every answer in view`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${clinic.app.url}/aids/${aidId}`);
      await page.getByRole('heading', { name: 'Options and questions' }).waitFor();
      await expectNoSidewaysScroll();

      // All 18 answers are on the page, each inside the width of the window.
      const answers = page.locator('textarea[name^="rows["][name$=".text"]');
      expect(await answers.count()).toBe(18);
      const rights = await answers.evaluateAll((areas) =>
        areas.map((area) => area.getBoundingClientRect().right),
      );
      expect(Math.max(...rights)).toBeLessThanOrEqual(width);

      // A question's details open beside nothing: still no sideways scroll.
      await page
        .getByRole('link', {
          name: /^Numbers, certainty, sources\W+Will it lower my chance .*, for Take a statin$/,
        })
        .click();
      await field('rows[0].cells.statin.numbers[0].outcome').waitFor({ state: 'visible' });
      expect(await field('rows[0].cells.wait.numbers[0].outcome').isVisible()).toBe(true);
      await expectNoSidewaysScroll();
    });
  }

  it("edits a cell's words, numbers, certainty and sources in the open, and saves them", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${clinic.app.url}/aids/${aidId}`);
    const cell = 'rows[3].cells.exercise';
    // The grid shows the cell's number, certainty and source at a glance.
    const summary = page.locator('td').filter({ has: field(`${cell}.text`) });
    expect(await summary.locator('.cell-summary').textContent()).toContain(
      '14 in 100 have it happen',
    );
    expect(await summary.locator('.cell-summary').textContent()).toContain('Certainty: moderate');

    await field(`${cell}.text`).fill(
      'About 4 in 100 people who exercise more get diabetes over 10 years.',
    );
    await summary.getByRole('link', { name: /^Numbers, certainty, sources/ }).click();
    const details = page.locator('[id="cell-diabetes-exercise"]');
    await details.waitFor({ state: 'visible' });
    await field(`${cell}.numbers[0].outcome`).fill('get diabetes');
    await field(`${cell}.numbers[0].numerator`).fill('4');
    await field(`${cell}.numbers[0].denominator`).fill('100');
    await field(`${cell}.numbers[0].timeFrame.value`).fill('10');
    await field(`${cell}.numbers[0].timeFrame.unit`).selectOption('years');
    await field(`${cell}.numbers[0].range.low`).fill('2');
    await field(`${cell}.numbers[0].range.high`).fill('7');
    await field(`${cell}.certainty`).selectOption('low');

    // Three sources that begin alike are told apart by year and title, the whole citation in a tooltip.
    const labels = details.locator('.cell-sources label');
    const texts = (await labels.allTextContents()).map((label) => label.trim());
    expect(new Set(texts).size).toBe(3);
    expect(texts[0]).toMatch(/^1\. .*2019: Efficacy and safety of statin therapy in older people$/);
    expect(texts[1]).toMatch(/^2\. .*2010: Efficacy and safety of more intensive lowering/);
    expect(texts[2]).toMatch(/^3\. .*2015: Efficacy and safety of LDL-lowering therapy/);
    expect(await labels.nth(1).getAttribute('title')).toBe(sources[1]!.citation);
    await details.getByLabel(/3\. .* 2015: /).check();
    await waitForSave();

    // A second number, for the same cell: added blank, filled in, saved.
    await details.getByRole('button', { name: /^Add another number/ }).click();
    await field(`${cell}.numbers[1].outcome`).waitFor({ state: 'visible' });
    await field(`${cell}.numbers[1].outcome`).fill('have a heart attack or stroke');
    await field(`${cell}.numbers[1].numerator`).fill('9');
    await field(`${cell}.numbers[1].denominator`).fill('100');
    await field(`${cell}.numbers[1].timeFrame.value`).fill('10');
    await field(`${cell}.numbers[1].referenceClass`).fill('people like you');
    await waitForSave();

    const saved = (await draft()).content.rows[3]!.cells['exercise']!;
    expect(saved.text).toBe('About 4 in 100 people who exercise more get diabetes over 10 years.');
    expect(saved.certainty).toBe('low');
    expect(saved.sourceIds).toEqual(['s2', 's3']);
    expect(saved.numbers).toEqual([
      {
        outcome: 'get diabetes',
        numerator: 4,
        denominator: 100,
        timeFrame: { value: 10, unit: 'years' },
        referenceClass: 'people like you',
        range: { low: 2, high: 7 },
      },
      {
        outcome: 'have a heart attack or stroke',
        numerator: 9,
        denominator: 100,
        timeFrame: { value: 10, unit: 'years' },
        referenceClass: 'people like you',
      },
    ]);
    // What was saved is what the page shows once loaded again.
    await page.goto(`${clinic.app.url}/aids/${aidId}`);
    expect(
      await page
        .locator('td')
        .filter({ has: field(`${cell}.text`) })
        .locator('.cell-summary')
        .textContent(),
    ).toContain('9 in 100 have a heart attack or stroke, over 10 years');
    await expectNoAxeViolations(page);
  });

  it('adds a question for each of two quick clicks, and never shows a conflict', async () => {
    await page.goto(`${clinic.app.url}/aids/${aidId}`);
    const before = await draft();
    const questionFields = page.locator('textarea[name^="rows["][name$=".question"]');
    expect(await questionFields.count()).toBe(6);

    await page.getByRole('button', { name: 'Add a question' }).dblclick();
    await expect.poll(() => questionFields.count(), { timeout: 20_000 }).toBe(8);
    await expect.poll(async () => (await draft()).content.rows.length, { timeout: 10_000 }).toBe(8);
    // Both saves were the author's own, one after the other: no conflict, now or a moment later.
    await page.waitForTimeout(2_000);
    expect(
      await page.getByRole('alert').filter({ hasText: 'Someone else saved this draft' }).count(),
    ).toBe(0);
    expect(await questionFields.count()).toBe(8);
    const after = await draft();
    expect(after.revision).toBe(before.revision + 2);
    expect(after.content.rows.slice(0, 6)).toEqual(before.content.rows);
    expect(await page.locator('#save-status').textContent()).toMatch(/^(All changes saved|Saved)/);
    expect(errors).toEqual([]);
  });
});
