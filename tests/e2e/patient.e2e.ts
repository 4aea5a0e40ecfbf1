import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from './support/app';
import { collectConsoleErrors, expectAccessible, launchPhone } from './support/browser';
import { invitePatient, openClinic, type SignedInClinic } from './support/clinic';
import { addOwnConcern, saveAndGoOn } from './support/guide';

let clinic: SignedInClinic;
let app: RunningApp;
let clinicPage: Page;

beforeAll(async () => {
  clinic = await openClinic();
  ({ app, page: clinicPage } = clinic);
});

afterAll(() => clinic?.close());

/** The clinician invites a patient to the demo aid, with the link's QR code on the handout. */
async function invite(reference: string): Promise<string> {
  const link = await invitePatient(clinic, reference);
  expect(
    await clinicPage.getByRole('img', { name: 'QR code of the link to your guide' }).count(),
  ).toBe(1);
  return link;
}

async function statusOf(reference: string): Promise<string | null> {
  await clinicPage.goto(`${app.url}/invitations`);
  return clinicPage.getByRole('row').filter({ hasText: reference }).locator('.badge').textContent();
}

/** The whole guide, as a patient on a small phone: every step checked with axe and for sideways scrolling. */
async function walkThrough(page: Page, link: string) {
  const next = (step: number) => saveAndGoOn(page, step);

  await page.goto(link);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
    'Your guide for your choice',
  );
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/\/patient\/decision$/);
  await page.getByText('Step 1 of 7').waitFor();
  // The token is out of the address bar once the guide starts.
  expect(page.url()).not.toContain('/p/');
  expect(await page.getByText('There is no right answer.').count()).toBe(1);
  // How the patient wants to decide: optional, on step 1.
  await page.getByLabel('I want to decide together with my clinic.').check();
  await page
    .getByRole('group', { name: 'When do you need to decide?' })
    .getByLabel('In the next few weeks')
    .check();
  await expectAccessible(page);

  await next(2);
  // On a phone, one question at a time: each opens in place, with or without JavaScript.
  expect(await page.getByRole('img', { name: /^80 out of 100 people / }).count()).toBe(0);
  await page
    .locator('summary.grid-card-question', { hasText: 'How much will my pain get better?' })
    .click();
  expect(await page.getByRole('img', { name: /^80 out of 100 people / }).count()).toBeGreaterThan(
    0,
  );
  await page.getByLabel('How much will my pain get better?').check();
  await expectAccessible(page);

  await next(3);
  // No answer is chosen in advance.
  expect(await page.locator('input[type="radio"]:checked').count()).toBe(0);
  await page.getByRole('group', { name: 'Having less pain' }).getByLabel('Matters a lot').check();
  await page
    .getByRole('group', { name: 'Avoiding serious problems' })
    .getByLabel('Matters quite a lot')
    .check();
  await addOwnConcern(page, 'Looking after my grandchildren', 'Matters a lot');
  await expectAccessible(page);

  await next(4);
  const surgery = page.getByRole('region', { name: 'Knee replacement' });
  expect(await surgery.getByText('The guide says it does better on').count()).toBe(1);
  expect(await surgery.locator('.fit-better li').first().textContent()).toContain(
    'Having less pain',
  );
  // The patient's own concern, with their own judgement for each option.
  await surgery
    .getByRole('group', { name: /Looking after my grandchildren/ })
    .getByLabel('It makes this harder')
    .check();
  await page.getByLabel('Not sure yet').check();
  await expectAccessible(page);

  await next(5);
  await page
    .getByRole('group', { name: 'Do you feel sure about the best choice for you?' })
    .getByLabel('No')
    .check();
  for (const question of [
    'Do you know the benefits and risks of each option?',
    'Are you clear about which benefits and risks matter most to you?',
    'Do you have enough support and advice to make a choice?',
  ]) {
    await page.getByRole('group', { name: question }).getByLabel('Yes').check();
  }
  // The check of understanding: "I'm not sure" is always an answer.
  await page.locator('.understanding-item').first().getByLabel("I'm not sure").check();
  await expectAccessible(page);
  // A "no" is saved and shown on this step's own page, with its next step; then on.
  await page.getByRole('button', { name: 'Save and go on' }).click();
  await page.waitForURL(/\/patient\/sure\?saved=1#sure-result$/);
  await page.getByText('Look again at how the options fit').waitFor();
  expect(await page.getByText(/^The guide says \d+ out of \d+\./).count()).toBe(1);
  expect(await page.getByText('You said yes to 3 of 4 questions.').count()).toBe(1);
  await expectAccessible(page);

  await next(6);
  await page
    .getByLabel('What do you want to ask at your visit?')
    .fill('How long would I wait for the operation?');
  await expectAccessible(page);

  await next(7);
  expect(await page.getByText('Looking after my grandchildren').count()).toBeGreaterThan(0);
  expect(await page.getByText('I want to decide together with my clinic.').count()).toBe(1);
  expect(await page.getByText('You said yes to 3 of 4 questions.').count()).toBe(1);
  expect(await page.getByText('How long would I wait for the operation?').count()).toBe(1);
  await expectAccessible(page);
  await page.getByRole('button', { name: "I'm ready for my visit" }).click();
  await page.waitForURL(/\/patient\/summary\?ready=1$/);
  await page
    .getByRole('status')
    .filter({ hasText: 'Your clinic can see that you are ready' })
    .waitFor();
  await expectAccessible(page);
}

describe('a patient goes through the guide on a phone', () => {
  it('with JavaScript, from the link to "ready", and the clinic sees it', async () => {
    const link = await invite('Phone with JS');
    expect(await statusOf('Phone with JS')).toBe('Not opened');
    const phone = await launchPhone();
    const page = await phone.newPage();
    const errors = collectConsoleErrors(page);
    await walkThrough(page, link);
    expect(errors).toEqual([]);
    await phone.close();
    expect(await statusOf('Phone with JS')).toBe('Ready for the consultation');
  });

  it('without JavaScript, the same', async () => {
    const link = await invite('Phone without JS');
    const phone = await launchPhone({ javaScriptEnabled: false });
    await walkThrough(await phone.newPage(), link);
    await phone.close();
    expect(await statusOf('Phone without JS')).toBe('Ready for the consultation');
  });

  it('tells the patient to contact the clinic when the link was withdrawn', async () => {
    const link = await invite('Withdrawn');
    await clinicPage
      .getByRole('button', { name: /^Withdraw the invitation .* \(Withdrawn\)$/ })
      .click();
    await clinicPage.waitForURL(/revoked=1/);
    const phone = await launchPhone();
    const page = await phone.newPage();
    const response = await page.goto(link);
    expect(response?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'This link no longer works',
    );
    await expectAccessible(page);
    await phone.close();
  });
});
