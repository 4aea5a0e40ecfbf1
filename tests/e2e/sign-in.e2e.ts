import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { collectConsoleErrors, expectNoAxeViolations, launchBrowser } from './support/browser';

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await browser.newPage();
  // A script blocked by the Content-Security-Policy shows up here; the 404 is provoked below.
  consoleErrors = collectConsoleErrors(page, [404]);
});

afterAll(async () => {
  await browser?.close();
  await app?.interrupt();
});

describe('a clinician signs in, sees the demo aid, and signs out', () => {
  it('sends a visitor to the sign-in page', async () => {
    await page.goto(app.url);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await expect.poll(() => page.title()).toBe('Sign in · Decide Together');
    await expectNoAxeViolations(page);
  });

  it('signs in through the development issuer and lists the demo aid', async () => {
    await page.getByRole('link', { name: 'Sign in with your clinic account' }).click();
    await page.waitForURL(/\/dev\/authorize/);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Sign in as Dr Alex Morgan' }).click();
    await page.waitForURL(`${app.url}/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Decision aids');
    const aid = page
      .getByRole('listitem')
      .filter({ hasText: 'Knee osteoarthritis: what are my options?' });
    expect(await aid.textContent()).toContain('Demonstration content');
    expect(await page.getByText('Demo Clinic').isVisible()).toBe(true);
    await expectNoAxeViolations(page);
  });

  it('keeps the session cookie out of reach of page scripts', async () => {
    const cookies = await browser.cookies(app.url);
    const session = cookies.find((c) => c.name === 'dt_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('dt_session');
  });

  it('signs out, and the home page asks for sign-in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin\?signed-out=1/);
    expect(await page.getByRole('status').textContent()).toBe('You are signed out.');
    await expectNoAxeViolations(page);
    await page.goto(app.url);
    expect(new URL(page.url()).pathname).toBe('/signin');
  });

  it('shows a clear page for an address that does not exist', async () => {
    const response = await page.goto(`${app.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    await expectNoAxeViolations(page);
  });

  it('ran every page without a script error or a Content-Security-Policy violation', () => {
    expect(consoleErrors).toEqual([]);
  });
});
