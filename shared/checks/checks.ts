import type { AidContent } from '../aid/schema';
import { checkIpdas, publishBlockers } from './ipdas';
import { checkNumbers } from './numbers';
import { measureAid } from './readability';
import type { AidChecks } from './results';

/**
 * Everything the editor checks, in one call: the IPDAS criteria (and which
 * block publishing), reading level per patient-facing text, and number wording.
 * The same function runs in the API, on the server-rendered editor and live in
 * the browser.
 */
export function runChecks(content: AidContent): AidChecks {
  const readability = measureAid(content);
  const ipdas = checkIpdas(content, { readability });
  const numbers = checkNumbers(content);
  return {
    ipdas,
    blockers: publishBlockers(ipdas),
    readability,
    numbers: numbers.issues,
    numbersRead: numbers.read,
  };
}
