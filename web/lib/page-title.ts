import type { MetaFunction } from '@remix-run/react';

/** A page's `meta`: its own title, then the product's name. */
export const titled =
  (title: string): MetaFunction =>
  () => [{ title: `${title} · Decide Together` }];
