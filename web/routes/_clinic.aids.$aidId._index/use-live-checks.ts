import { parseWithZod } from '@conform-to/zod/v4';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AidContent } from '#shared/aid/schema';
import { runChecks } from '#shared/checks/checks';
import type { AidChecks } from '#shared/checks/results';
import { AidForm } from './aid-form';

const CHECK_DELAY_MS = 250;

export interface CheckedAid {
  content: AidContent;
  checks: AidChecks;
}

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

/**
 * The checks (IPDAS, reading level, numbers) as the author types, a moment
 * after each change; the last valid result stays while a field is invalid.
 */
export function useLiveChecks() {
  const [checked, setChecked] = useState<CheckedAid | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onInput = useCallback((event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const result = checkForm(form);
      if (result) setChecked(result);
    }, CHECK_DELAY_MS);
  }, []);
  return { checked, onInput };
}
