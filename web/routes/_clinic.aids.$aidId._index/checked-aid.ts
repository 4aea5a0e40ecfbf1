import type { AidContent } from '#shared/aid/schema';
import type { AidChecks } from '#shared/checks/results';

/** An aid's content with its checks (IPDAS, reading level, numbers), as the checks panel shows them. */
export interface CheckedAid {
  content: AidContent;
  checks: AidChecks;
}
