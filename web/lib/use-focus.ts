import { useLocation } from '@remix-run/react';
import { useEffect, useRef } from 'react';

/**
 * After a client-side page change, move focus to the new page's heading, as a
 * full page load would reset it: otherwise it drops to the body and a screen
 * reader announces nothing. The first load is left alone.
 */
export function useFocusHeadingOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('#main h1')?.focus();
  }, [pathname]);
}

/**
 * After a change that redirects to `#anchor` (an added, moved or removed item),
 * move focus to the first control there, or to the anchor itself.
 */
export function useFocusAnchorOnNavigation() {
  const { hash, key } = useLocation();
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    const control = target?.querySelector<HTMLElement>(
      'input:not([type="hidden"]), textarea, select',
    );
    (control ?? target)?.focus();
  }, [hash, key]);
}
