import { useNavigation } from '@remix-run/react';

/** Whether a page or a form is on its way: the forms' buttons are off until then, so nothing is sent twice. */
export function useBusy(): boolean {
  return useNavigation().state !== 'idle';
}
