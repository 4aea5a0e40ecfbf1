import type { BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app';
import { launchBrowser, signIn } from './browser';

/** The app as `npm run dev` starts it, and a clinician signed in on a browser of their own. */
export interface SignedInClinic {
  app: RunningApp;
  browser: BrowserContext;
  page: Page;
  /** Closes the browser and stops the app (Ctrl-C). */
  close(): Promise<void>;
}

/** Starts the app and signs the seeded clinician in; what started is stopped again if a step fails. */
export async function openClinic(
  browserOptions: Parameters<typeof launchBrowser>[0] = {},
): Promise<SignedInClinic> {
  const app = await startApp();
  let browser: BrowserContext | undefined;
  const close = async () => {
    await browser?.close();
    await app.interrupt();
  };
  try {
    browser = await launchBrowser(browserOptions);
    const page = await browser.newPage();
    await signIn(page, app.url);
    return { app, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The clinician invites a patient to a published aid (the knee demo unless named) and reads the link off the handout. */
export async function invitePatient(
  clinic: SignedInClinic,
  reference: string,
  aidTitle = 'Knee osteoarthritis: what are my options?',
): Promise<string> {
  const { page, app } = clinic;
  await page.goto(`${app.url}/invitations`);
  const aidChoice = page.getByLabel('Decision aid');
  const aidOption = await aidChoice.locator('option', { hasText: aidTitle }).getAttribute('value');
  if (!aidOption) throw new Error(`No published aid titled "${aidTitle}" is offered`);
  await aidChoice.selectOption(aidOption);
  await page.getByLabel('Clinic reference (optional)').fill(reference);
  await page.getByRole('button', { name: 'Create the invitation' }).click();
  const link = page.locator('.handout-link a');
  await link.waitFor();
  return (await link.textContent()) ?? '';
}
