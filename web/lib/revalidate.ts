import type { ShouldRevalidateFunction } from '@remix-run/react';

/**
 * After a change refused as a conflict (409) the page's data is read again,
 * so that the next try is based on it as it is now.
 */
export const revalidateAfterConflict: ShouldRevalidateFunction = ({
  actionStatus,
  defaultShouldRevalidate,
}) => actionStatus === 409 || defaultShouldRevalidate;
