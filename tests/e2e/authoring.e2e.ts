import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import {
  collectConsoleErrors,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  signIn,
} from './support/browser';

let app: RunningApp;
let browser: BrowserContext;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.interrupt();
});

const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

async function waitForSave(page: Page) {
  await expect
    .poll(() => page.locator('#save-status').textContent(), { timeout: 15_000 })
    .toMatch(/^(All changes saved|Saved)/);
}

describe('a clinician authors an aid from blank to published', () => {
  let page: Page;
  let errors: string[];
  let aidUrl: string;

  beforeAll(async () => {
    page = await browser.newPage();
    errors = collectConsoleErrors(page);
    await signIn(page, app.url);
  });

  it('starts a new aid with a starter grid', async () => {
    await page.getByLabel('Title').fill('Frozen shoulder: what are my options?');
    await page.getByLabel('Health condition').fill('Frozen shoulder');
    await page.getByRole('button', { name: 'Start the aid' }).click();
    await page.waitForURL(/\/aids\/[\w-]+$/);
    aidUrl = page.url();
    await page
      .getByRole('heading', { level: 1, name: 'Frozen shoulder: what are my options?' })
      .waitFor();
    expect(await field(page, 'options[1].name').inputValue()).toBe('Wait and review');
    // A blank aid misses what IPDAS needs, and says so.
    expect(
      await page.getByRole('button', { name: 'Save and publish version 1' }).isDisabled(),
    ).toBe(true);
    await expectNoAxeViolations(page);
  });

  it('fills in the decision, the grid, a number with its source, and the metadata; the checks follow live', async () => {
    await page
      .getByLabel('The health condition, in plain words')
      .fill(
        'A frozen shoulder is stiff and painful. It can take a year or more to get better on its own.',
      );
    await page
      .getByLabel('The decision, as a question')
      .fill('What should I do about my frozen shoulder?');
    await page.getByLabel('Who the aid is for').fill('Adults with a stiff and painful shoulder.');

    await field(page, 'options[0].name').fill('Steroid injection');
    await field(page, 'options[0].description').fill(
      'A doctor puts medicine into the shoulder with a needle.',
    );
    await field(page, 'options[1].description').fill(
      'Keep moving the shoulder gently and take pain relief if you need it.',
    );

    const [first, wait] = [
      await field(page, 'options[0].id').inputValue(),
      await field(page, 'options[1].id').inputValue(),
    ];
    await field(page, 'rows[0].question').fill('Will my pain get better?');
    await field(page, 'rows[0].label').fill('Less pain soon');
    await field(page, `rows[0].cells.${first}.text`).fill(
      'About 60 in 100 people have less pain after 6 weeks.',
    );
    await field(page, `rows[0].cells.${wait}.text`).fill(
      'About 30 in 100 people have less pain after 6 weeks.',
    );
    await field(page, 'rows[1].question').fill('What could go wrong?');
    await field(page, 'rows[1].label').fill('Avoiding side effects');
    await field(page, `rows[1].cells.${first}.text`).fill(
      'Your shoulder may hurt more for a day or two.',
    );
    await field(page, `rows[1].cells.${wait}.text`).fill('Pain relief can upset your stomach.');

    // A third question, about daily life.
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.waitForURL(/#row-/);
    await field(page, 'rows[2].question').fill('Can I get on with my day?');
    await field(page, 'rows[2].label').fill('Keeping active');
    await field(page, 'rows[2].kind').selectOption('physical');
    await field(page, `rows[2].cells.${first}.text`).fill(
      'You can go back to most things the next day.',
    );
    await field(page, `rows[2].cells.${wait}.text`).fill(
      'You keep going as you are, at your own pace.',
    );

    // A source, then a number in the first cell that cites it.
    await page.getByRole('button', { name: 'Add a source' }).click();
    await page.waitForURL(/#source-/);
    await page
      .getByLabel('Source 1: citation')
      .fill('Test study of shoulder injections, for this test only.');
    await field(page, 'sources[0].date').fill('2025');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForSave(page);

    // A cell's numbers, certainty and sources are in its question's details row (ADR 22).
    const rowId = await field(page, 'rows[0].id').inputValue();
    const cell = page.locator(`[id="cell-${rowId}-${first}"]`);
    await page
      .locator('td')
      .filter({ has: field(page, `rows[0].cells.${first}.text`) })
      .locator('.cell-details-link')
      .click();
    await cell.getByRole('button', { name: /^Add a number/ }).click();
    const number = `rows[0].cells.${first}.numbers[0]`;
    await field(page, `${number}.numerator`).fill('60');
    await field(page, `${number}.denominator`).fill('100');
    await field(page, `${number}.outcome`).fill('have less pain');
    await field(page, `${number}.timeFrame.value`).fill('6');
    await field(page, `${number}.timeFrame.unit`).selectOption('weeks');
    await field(page, `${number}.referenceClass`).fill('people with a frozen shoulder');
    await field(page, `${number}.range.low`).fill('50');
    await field(page, `${number}.range.high`).fill('70');
    await field(page, `rows[0].cells.${first}.certainty`).selectOption('moderate');
    await cell.getByLabel(/1\. Test study/).check();
    // The number in the words of the other answer needs its source too (IPDAS C2, issue 9).
    await page
      .locator(`[id="cell-${rowId}-${wait}"]`)
      .getByLabel(/1\. Test study/)
      .check();

    await page.getByRole('button', { name: 'Add an author' }).click();
    await page.waitForURL(/#authorship-heading/);
    await page.getByLabel('Author 1: name').fill('Dr Test Author');
    await page.getByLabel('Credentials').fill('Physiotherapist');
    await page.getByLabel('Who paid for the aid').fill('No outside funding.');
    await page.getByLabel('Conflicts of interest').fill('None.');
    await page.getByLabel('Evidence last reviewed').fill('2026-10-01');
    await page.getByLabel('Review by').fill('2027-10-01');
    await page.getByLabel('When the aid is updated').fill('We check the evidence every year.');

    // Autosave, and the checklist follows as the author types.
    await waitForSave(page);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'needed to publish' }).textContent())
      .toBe('All the criteria needed to publish are met.');
    expect(
      await page.getByRole('button', { name: 'Save and publish version 1' }).isDisabled(),
    ).toBe(false);
    await expectNoAxeViolations(page);
  });

  it('previews the draft as a patient, with the number in words and as a picture', async () => {
    await page.getByRole('link', { name: 'Preview as a patient' }).click();
    await page.waitForURL(/\/preview$/);
    // With JavaScript, the address changes a moment before the page does.
    await page.getByText('What should I do about my frozen shoulder?').first().waitFor();
    const picture = page.getByRole('img', { name: /^60 out of 100 people / }).first();
    expect(await picture.count()).toBe(1);
    expect(await page.getByText('We are fairly sure about this.').count()).toBeGreaterThan(0);
    expect(await page.getByText(/The facts were last checked on 1 October 2026/).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('publishes version 1', async () => {
    await page.goto(aidUrl);
    await page.getByRole('button', { name: 'Save and publish version 1' }).click();
    await page.waitForURL(/\/versions\?published=1$/);
    expect(await page.getByRole('status').filter({ hasText: 'Published' }).textContent()).toContain(
      'Published as version 1',
    );
    expect(await page.getByRole('link', { name: 'Version 1' }).count()).toBe(1);
    await expectNoAxeViolations(page);
  });

  it('edits after publishing; version 1 stays as it was, and the difference shows', async () => {
    await page.goto(aidUrl);
    await page.getByLabel('Title').fill('Frozen shoulder: your choices');
    await waitForSave(page);
    await page.goto(`${aidUrl}/versions/1`);
    expect(
      await page
        .getByRole('heading', { level: 2, name: 'Frozen shoulder: what are my options?' })
        .count(),
    ).toBe(1);
    await expectNoAxeViolations(page);

    await page.goto(`${aidUrl}/versions?from=1&to=draft`);
    const change = page.locator('.change').filter({ hasText: 'Title' });
    expect(await change.locator('del').textContent()).toBe('Frozen shoulder: what are my options?');
    expect(await change.locator('ins').textContent()).toBe('Frozen shoulder: your choices');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});

describe('two clinicians edit the same draft', () => {
  it('never overwrites: the later one sees both versions and chooses', async () => {
    const first = await browser.newPage();
    const second = await (await launchBrowser()).newPage();
    await signIn(first, app.url);
    await signIn(second, app.url);
    await first.getByLabel('Title').fill('Tennis elbow: what are my options?');
    await first.getByLabel('Health condition').fill('Tennis elbow');
    await first.getByRole('button', { name: 'Start the aid' }).click();
    await first.waitForURL(/\/aids\/[\w-]+$/);
    await second.goto(first.url());

    await first
      .getByLabel('The decision, as a question')
      .fill('Should I have an injection for my elbow?');
    await waitForSave(first);

    await second.getByLabel('The decision, as a question').fill('What can help my elbow pain?');
    const notice = second.getByRole('alert').filter({ hasText: 'Someone else saved this draft' });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('Dr Alex Morgan saved revision 2');
    expect(await notice.locator('del').first().textContent()).toBe(
      'Should I have an injection for my elbow?',
    );
    expect(await notice.locator('ins').first().textContent()).toBe('What can help my elbow pain?');
    await expectNoAxeViolations(second);

    await notice.getByRole('link', { name: 'Discard my changes and open their version' }).click();
    await second.waitForURL(/reload=2/);
    await expect
      .poll(() => second.getByLabel('The decision, as a question').inputValue())
      .toBe('Should I have an injection for my elbow?');
    await second.context().close();
  });
});

describe('the editor without JavaScript', () => {
  it('adds, moves and removes options with plain form posts, and shows errors at the field', async () => {
    const context = await launchBrowser({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, app.url);
    await page.getByLabel('Title').fill('Ankle sprain: what are my options?');
    await page.getByLabel('Health condition').fill('Ankle sprain');
    await page.getByRole('button', { name: 'Start the aid' }).click();
    await page.waitForURL(/\/aids\/[\w-]+$/);

    await field(page, 'options[0].name').fill('Brace');
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.waitForURL(/\?saved=2#option-/);
    expect(await field(page, 'options[0].name').inputValue()).toBe('Brace');
    await field(page, 'options[2].name').fill('Physio');
    // Without JavaScript, names of controls follow what was last saved.
    await page.getByRole('button', { name: 'Move Option 3 left' }).click();
    await page.waitForURL(/\?saved=3#option-/);
    expect(await field(page, 'options[1].name').inputValue()).toBe('Physio');
    await page.getByRole('button', { name: 'Remove option Brace' }).click();
    await page.waitForURL(/\?saved=4#grid-heading/);
    expect(
      await page
        .locator('[name$=".name"][name^="options["]')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(['Physio', 'Wait and review']);

    const optionId = await field(page, 'options[0].id').inputValue();
    // The number sits in its question's details row, which a plain link opens without JavaScript too.
    await page
      .locator('td')
      .filter({ has: field(page, `rows[0].cells.${optionId}.text`) })
      .locator('.cell-details-link')
      .click();
    const rowId = await field(page, 'rows[0].id').inputValue();
    await page
      .locator(`[id="cell-${rowId}-${optionId}"]`)
      .getByRole('button', { name: /^Add a number/ })
      .click();
    const numerator = `rows[0].cells.${optionId}.numbers[0].numerator`;
    await field(page, numerator).fill('many');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const error = page.locator(`[id="editor-${numerator}-error"]`);
    expect(await error.textContent()).toBe('Use a whole number');
    expect(await field(page, numerator).getAttribute('aria-invalid')).toBe('true');
    // What was typed is still there.
    expect(await field(page, numerator).inputValue()).toBe('many');
    await expectNoAxeViolationsWithoutJs(page);
    await context.close();
  });
});
