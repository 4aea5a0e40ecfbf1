import type { ReactNode } from 'react';
import { useBusy } from '../lib/use-busy';

/**
 * A form's submit button, sent as `intent` so that the action knows what was asked; off while a
 * page or a form is on its way, so that nothing is sent twice.
 */
export function IntentButton({
  intent,
  className,
  children,
}: {
  intent: string;
  className?: string;
  children: ReactNode;
}) {
  const busy = useBusy();
  return (
    <button type="submit" name="intent" value={intent} className={className} disabled={busy}>
      {children}
    </button>
  );
}
