import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, expectAccessible } from './support/browser';
import { openClinic, type SignedInClinic } from './support/clinic';

let clinic: SignedInClinic;
let consoleErrors: string[];

beforeAll(async () => {
  clinic = await openClinic();
  consoleErrors = collectConsoleErrors(clinic.page);
});

afterAll(async () => {
  await clinic?.close();
});

describe('an admin invites colleagues, with JavaScript', () => {
  it('gets an empty form after each invitation, and sees each one in the recent changes, newest first', async () => {
    const { page, app } = clinic;
    await page.goto(`${app.url}/members`);
    const email = page.getByRole('textbox', { name: 'Email address' });
    const name = page.getByRole('textbox', { name: /^Name/ });
    for (const [address, who] of [
      ['kim@clinic.example', 'Dr Kim Lee'],
      ['sam@clinic.example', 'Sam Patel'],
    ] as const) {
      await email.fill(address);
      await name.fill(who);
      await page.getByRole('button', { name: 'Send the invitation' }).click();
      await page.getByRole('status').getByText(`${who} is invited as a clinician`).waitFor();
      // What was typed for this colleague is not offered again for the next.
      expect(await email.inputValue()).toBe('');
      expect(await name.inputValue()).toBe('');
    }
    const changes = page.getByRole('region', { name: 'Recent changes' }).getByRole('listitem');
    expect(await changes.allInnerTexts()).toEqual([
      expect.stringMatching(/You invited Sam Patel as a clinician\.$/),
      expect.stringMatching(/You invited Dr Kim Lee as a clinician\.$/),
    ]);
    await expectAccessible(page);
    expect(consoleErrors).toEqual([]);
  });
});
