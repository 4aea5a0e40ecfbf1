import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from './support/app';
import {
  collectConsoleErrors,
  expectAccessible,
  expectNoAxeViolations,
  launchPhone,
} from './support/browser';
import { invitePatient, openClinic, type SignedInClinic } from './support/clinic';
import { addOwnConcern, saveAndGoOn } from './support/guide';

let clinic: SignedInClinic;
let app: RunningApp;
let clinician: Page;

beforeAll(async () => {
  // The consultation room's screen.
  clinic = await openClinic({ viewport: { width: 1024, height: 768 } });
  ({ app, page: clinician } = clinic);
});

afterAll(() => clinic?.close());

const invite = (reference: string) => invitePatient(clinic, reference);

/** The patient's steps at home, briskly: the patient suite checks each page on its own. */
async function completeAtHome(page: Page, link: string) {
  const next = async (step: number) => {
    // Hydrated, so that the click is the app's and not lost half-way.
    await page.waitForLoadState('networkidle');
    await saveAndGoOn(page, step);
  };
  await page.goto(link);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText('Step 1 of 7').waitFor();
  await next(2);
  await page.getByLabel('How much will my pain get better?').check();
  await next(3);
  await page
    .getByRole('group', { name: 'Having less pain' })
    .getByLabel('Matters quite a lot')
    .check();
  await addOwnConcern(page, 'Looking after my grandchildren', 'Matters a lot');
  await next(4);
  await page.getByRole('radio', { name: 'Exercise and physio' }).check();
  await next(5);
  await page
    .getByRole('group', { name: 'Do you feel sure about the best choice for you?' })
    .getByLabel('No')
    .check();
  // A "no" is shown with its next step on the same page first; then on.
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Save and go on' }).click();
  await page.waitForURL(/\/patient\/sure\?saved=1/);
  await page.locator('#sure-result').waitFor();
  await next(6);
  await page.getByLabel('What do you want to ask at your visit?').fill('Can I keep gardening?');
  await next(7);
  await page.getByRole('button', { name: "I'm ready for my visit" }).click();
  await page.getByRole('status').filter({ hasText: 'Your clinic can see' }).waitFor();
}

async function downloadPdf(page: Page, name: string | RegExp): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).click(),
  ]);
  const file = await download.path();
  return readFileSync(file!).subarray(0, 5).toString();
}

describe('the consultation', () => {
  it('from the patient at home to a decision both confirmed, and a PDF each', async () => {
    const link = await invite('Consult 1');
    const home = await launchPhone();
    await completeAtHome(await home.newPage(), link);
    await home.close();

    // The clinician finds the record ready, first in the list.
    // The 422 is the empty decision below, sent on purpose.
    const errors = collectConsoleErrors(clinician, [422]);
    await clinician.goto(`${app.url}/records`);
    await expectNoAxeViolations(clinician);
    const row = clinician.getByRole('row').filter({ hasText: 'Consult 1' });
    expect(await row.locator('.badge').textContent()).toBe('Ready for the consultation');
    await row.getByRole('link').click();
    await clinician.getByRole('heading', { level: 1, name: /Consult 1/ }).waitFor();

    // At a glance, on one 1024 × 768 screen: what matters, in order; leaning; SURE flagged.
    await expectAccessible(clinician);
    const priorities = await clinician.locator('.priority-list li').allTextContents();
    expect(priorities[0]).toContain('Looking after my grandchildren');
    expect(priorities[0]).toContain('Their own words');
    expect(priorities[1]).toContain('Having less pain');
    expect(await clinician.locator('.leaning').textContent()).toBe('Exercise and physio');
    expect(await clinician.getByText('May not be ready to decide').isVisible()).toBe(true);
    expect(await clinician.getByText('Can I keep gardening?').count()).toBe(1);
    // The grid puts what matters to them first, and says so in words.
    const firstRow = clinician.locator('.grid-table tbody tr').first();
    expect(await firstRow.locator('th').textContent()).toContain('Matters to them');
    // Above the fold, without scrolling: the top priority, the leaning and the SURE flag.
    for (const part of ['.priority-list li', '.leaning', '.flag']) {
      const box = await clinician.locator(part).first().boundingBox();
      expect(box!.y + box!.height, part).toBeLessThanOrEqual(768);
    }

    // The screen they look at together.
    await clinician.getByRole('link', { name: 'Show to the patient' }).click();
    await clinician
      .getByRole('heading', { level: 2, name: 'What matters most to you', exact: true })
      .waitFor();
    expect(await clinician.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await expectAccessible(clinician);
    await clinician.getByRole('link', { name: 'Back to the full record' }).click();

    // They decide together; the patient will confirm at home.
    await clinician.getByRole('heading', { name: 'Decide together' }).waitFor();
    await clinician.getByRole('button', { name: 'Record the decision' }).click();
    // Nothing chosen: said at the field, nothing saved.
    await clinician
      .getByRole('group', { name: 'What did you decide together?' })
      .getByText('Choose an option, or "not decided yet"')
      .waitFor();
    await clinician.getByRole('radio', { name: 'Exercise and physio' }).check();
    await clinician.getByLabel('Notes written together').fill('Physio for 3 months first.');
    await clinician.getByLabel("What we don't know yet").fill('How the knee copes with gardening');
    await clinician.getByLabel('Follow-up').fill('Review in 3 months');
    await clinician.getByRole('button', { name: 'Record the decision' }).click();
    await clinician.getByRole('status').filter({ hasText: 'The decision is recorded' }).waitFor();
    expect(await clinician.getByText('Not yet confirmed by the patient.').count()).toBe(1);
    await expectNoAxeViolations(clinician);
    expect(await downloadPdf(clinician, 'Download PDF')).toBe('%PDF-');

    // At home, on a phone without JavaScript, the patient reads and confirms.
    const phone = await launchPhone({ javaScriptEnabled: false });
    const patient = await phone.newPage();
    await patient.goto(link);
    expect(await patient.getByText('You and your clinic have made a plan').count()).toBe(1);
    await patient.getByRole('button', { name: 'Open your record' }).click();
    await patient.waitForURL(/\/patient\/record$/);
    expect(await patient.getByText('Exercise and physio').first().textContent()).toBeTruthy();
    expect(await patient.getByText('How the knee copes with gardening').count()).toBe(1);
    expect(await patient.getByText('Dr Alex Morgan opened your record').count()).toBeGreaterThan(0);
    await expectAccessible(patient);
    await patient.getByLabel('Your comment').fill('Yes, physio first. Thank you.');
    await patient.getByRole('button', { name: 'Yes, this is what we decided together' }).click();
    await patient.waitForURL(/confirmed=1$/);
    expect(await patient.getByRole('status').textContent()).toContain('You said this is right');
    await expectAccessible(patient);
    expect(await downloadPdf(patient, 'Download your record (PDF)')).toBe('%PDF-');
    // Its steps are closed now: the record is the page.
    await patient.goto(`${app.url}/patient/step/3`);
    expect(patient.url()).toMatch(/\/patient\/record$/);
    await phone.close();

    // Back in the clinic, the record shows both confirmations and the patient's words.
    await clinician.reload();
    expect(await clinician.getByText('The patient confirmed this on').textContent()).toContain(
      'Yes, physio first. Thank you.',
    );
    await clinician.goto(`${app.url}/records?status=confirmed`);
    expect(
      await clinician
        .getByRole('row')
        .filter({ hasText: 'Consult 1' })
        .locator('.badge')
        .textContent(),
    ).toBe('Decided and confirmed');
    expect(errors).toEqual([]);
  });

  it('amends after the decision, with a reason, and never overwrites it', async () => {
    const link = await invite('Consult 2');
    const home = await launchPhone();
    await completeAtHome(await home.newPage(), link);
    await home.close();
    await clinician.goto(`${app.url}/invitations`);
    await clinician
      .getByRole('row')
      .filter({ hasText: 'Consult 2' })
      .getByRole('link', { name: /Open the record/ })
      .click();
    await clinician.getByRole('radio', { name: 'Not decided yet' }).check();
    await clinician.getByLabel('If not decided yet: the next step').fill('Talk it over at home');
    const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await clinician.getByLabel('By when').fill(soon);
    await clinician.getByLabel(/The patient has read this on the screen/).check();
    await clinician.getByRole('button', { name: 'Record the decision' }).click();
    await clinician.getByRole('status').filter({ hasText: 'The decision is recorded' }).waitFor();
    expect(await clinician.locator('.decision-choice').textContent()).toContain(
      'Not decided yet. Next step: Talk it over at home',
    );

    await clinician.getByText('Amend the record').click();
    await clinician.getByRole('radio', { name: 'Knee replacement' }).check();
    await clinician.getByRole('button', { name: 'Save the amendment' }).click();
    await clinician
      .locator('.field-error')
      .filter({ hasText: 'Say why this is changed' })
      .waitFor();
    await clinician.getByLabel('Why is this changed?').fill('She phoned: she wants the operation');
    await clinician.getByRole('button', { name: 'Save the amendment' }).click();
    await clinician.getByRole('status').filter({ hasText: 'The amendment is added' }).waitFor();
    expect(await clinician.locator('.decision-choice').textContent()).toBe('Knee replacement');
    const amendment = await clinician.locator('.amendments li').first().textContent();
    expect(amendment).toContain('She phoned: she wants the operation');
    expect(amendment).toContain('Not decided yet');
    await expectNoAxeViolations(clinician);

    // A colleague amends from another screen meanwhile: this one is told, keeps what was typed,
    // and its next try is based on the record as it is now.
    const recordUrl = clinician.url().replace(/\?.*$/, '');
    const colleague = await clinic.browser.newPage();
    await colleague.goto(recordUrl);
    await clinician.getByText('Amend the record').click();
    await clinician.getByLabel('Follow-up').fill('Pre-operative assessment');
    await clinician.getByLabel('Why is this changed?').fill('Booked today');
    await colleague.getByText('Amend the record').click();
    await colleague.getByLabel('Notes written together').fill('Leaflet given.');
    await colleague.getByLabel('Why is this changed?').fill('Forgot the leaflet');
    await colleague.getByRole('button', { name: 'Save the amendment' }).click();
    await colleague.getByRole('status').filter({ hasText: 'The amendment is added' }).waitFor();
    await colleague.close();
    await clinician.getByRole('button', { name: 'Save the amendment' }).click();
    await clinician.getByRole('alert').filter({ hasText: 'changed in another window' }).waitFor();
    expect(await clinician.getByLabel('Why is this changed?').inputValue()).toBe('Booked today');
    await clinician.getByRole('button', { name: 'Save the amendment' }).click();
    // The third amendment, this one, below the colleague's.
    await clinician
      .locator('.amendments > li')
      .nth(2)
      .filter({ hasText: 'Booked today' })
      .waitFor();

    // Authors see how a version was used only once no patient can be singled out.
    await clinician.goto(`${app.url}/aids/demo-knee-oa/versions/1`);
    await clinician.getByText(/Fewer than 5 patients have opened this version/).waitFor();
    await expectNoAxeViolations(clinician);
  });
});
