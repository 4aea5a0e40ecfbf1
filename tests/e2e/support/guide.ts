import { stepPath } from '#shared/record/rules';
import type { Page } from 'playwright-core';

/** The patient saves the step on screen and goes on to `step` of the guide. */
export async function saveAndGoOn(page: Page, step: number): Promise<void> {
  await page.getByRole('button', { name: 'Save and go on' }).click();
  await page.waitForURL(new RegExp(`${stepPath(step)}$`));
  // With JavaScript, the address changes a moment before the page does.
  await page.getByText(`Step ${step} of 7`).waitFor();
}

/** On step 3, the patient adds a concern of their own and says how much it matters. */
export async function addOwnConcern(page: Page, concern: string, howMuch: string): Promise<void> {
  await page.getByLabel('Your own thing 1').fill(concern);
  await page
    .getByRole('group', { name: 'How much does it matter?' })
    .first()
    .getByLabel(howMuch)
    .check();
}
