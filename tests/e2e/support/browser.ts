import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumFlags } from '#tests/support/chromium';

/** Browsers launched without JavaScript, whose pages axe must check as served (see expectAccessible). */
const withoutJavaScript = new WeakSet<BrowserContext>();

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await chromium.launchPersistentContext(
    mkdtempSync(path.join(tmpdir(), 'chromium-')),
    {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      javaScriptEnabled,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      args: [...chromiumFlags],
    },
  );
  if (!javaScriptEnabled) withoutJavaScript.add(context);
  return context;
}

/** A small phone's browser, the size the patient's guide is made for first. */
export function launchPhone(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return launchBrowser({ ...options, viewport: { width: 360, height: 740 } });
}

/** Signs in through the development issuer's page as one of the seeded clinicians. */
export async function signIn(page: Page, baseUrl: string, name = 'Dr Alex Morgan'): Promise<void> {
  await page.goto(`${baseUrl}/auth/signin`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/**
 * Collects what the browser reports as errors: script errors and blocked
 * scripts. Failed loads of statuses the test provoked on purpose are left out.
 */
export function collectConsoleErrors(page: Page, expectedStatuses: number[] = []): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (expectedStatuses.some((status) => text.includes(`status of ${status}`))) return;
    errors.push(text);
  });
  return errors;
}

/** axe-core finds nothing on the page as it is now (WCAG 2.2 A and AA and best practice). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * axe on a page seen without JavaScript. axe needs scripts, so the page's HTML
 * as served (scripts removed) is loaded at the same address in a browser that
 * runs them, with the same styles and the same viewport; the width is checked too.
 */
export async function expectNoAxeViolationsWithoutJs(page: Page): Promise<void> {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const context = await launchBrowser({
    viewport: page.viewportSize() ?? { width: 1280, height: 800 },
  });
  try {
    const copy = await context.newPage();
    await copy.route(page.url(), (route) =>
      route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
    );
    await copy.goto(page.url());
    await expectNoAxeViolations(copy);
    await expectNoHorizontalScroll(copy);
  } finally {
    await context.close();
  }
}

/**
 * What every page of a walk-through is held to: axe finds nothing and nothing scrolls sideways;
 * in a browser without JavaScript, on the page as served.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (withoutJavaScript.has(page.context())) return expectNoAxeViolationsWithoutJs(page);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
}

/** The page fits its viewport's width: nothing to scroll sideways (WCAG 1.4.10, reflow). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(clientWidth);
}
