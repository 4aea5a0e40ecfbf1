import { parseWithZod } from '@conform-to/zod/v4';
import { runChecks } from '#shared/checks/checks';
import type { CheckedAid } from './checked-aid';
import { AidForm } from './aid-form';

/**
 * The live checks' engine: the form's schema (zod) and the checks. The page
 * loads it on the author's first change (use-live-checks.ts), never on its
 * first load: the checks of the saved draft come with the page's data.
 */

/** The checks of what the form holds, read with the form's own schema; null while a field is not valid. */
export function checkForm(form: HTMLFormElement): CheckedAid | null {
  const submission = parseWithZod(new FormData(form), {
    schema: AidForm,
    disableAutoCoercion: true,
  });
  return submission.status === 'success'
    ? { content: submission.value, checks: runChecks(submission.value) }
    : null;
}
