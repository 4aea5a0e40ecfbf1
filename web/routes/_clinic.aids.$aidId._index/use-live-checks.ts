import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { CheckedAid } from './checked-aid';
import type * as LiveChecks from './live-checks';

export type { CheckedAid } from './checked-aid';

const CHECK_DELAY_MS = 250;

type Engine = typeof LiveChecks;

/** The engine (zod and the checks), fetched once, on the first change. */
let engine: Promise<Engine> | undefined;
const loadEngine = () => {
  engine ??= import('./live-checks').catch((error: unknown) => {
    // Offline when first typing: try again on the next change.
    engine = undefined;
    throw error;
  });
  return engine;
};

/**
 * The checks (IPDAS, reading level, numbers) as the author types, a moment
 * after each change; the last valid result stays while a field is invalid.
 * Until the first change the page shows the checks that came with its data.
 */
export function useLiveChecks() {
  const [checked, setChecked] = useState<CheckedAid | null>(null);
  const timer = useRef<number | undefined>(undefined);
  /** Counts the checks started: only the latest one's result is shown. */
  const latest = useRef(0);
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      latest.current += 1;
    },
    [],
  );
  const onInput = useCallback((event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const loading = loadEngine();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const run = ++latest.current;
      loading
        .catch(loadEngine)
        .then(({ checkForm }) => {
          if (run !== latest.current) return;
          const result = checkForm(form);
          if (result) setChecked(result);
        })
        .catch(() => {
          // Not loaded (offline): the checks shown stay until the next change loads it.
        });
    }, CHECK_DELAY_MS);
  }, []);
  return { checked, onInput };
}
