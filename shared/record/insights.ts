import type { AidContent } from '../aid/schema';
import { INSIGHTS_MINIMUM_RECORDS, type VersionInsights } from './schema';
import type { RecordStatus } from './lifecycle';
import { rowName } from '../aid/names';
import { own } from '../own';

/**
 * What authors see of how patients used a version: counts only, and nothing
 * at all below `INSIGHTS_MINIMUM_RECORDS` records, so that no patient can be
 * singled out.
 */
export function versionInsights(
  content: AidContent,
  version: number,
  counts: {
    byStatus: Record<RecordStatus, number>;
    rated: number;
    important: Record<string, number>;
  },
): VersionInsights {
  const records = Object.values(counts.byStatus).reduce((sum, n) => sum + n, 0);
  if (records < INSIGHTS_MINIMUM_RECORDS) {
    return { version, minimumRecords: INSIGHTS_MINIMUM_RECORDS, counts: null };
  }
  const important = content.rows
    .map((row, index) => ({
      rowId: row.id,
      label: rowName(row, index),
      patients: own(counts.important, row.id) ?? 0,
    }))
    .filter((row) => row.patients > 0)
    // Stable: equal counts keep the aid's order.
    .sort((a, b) => b.patients - a.patients);
  return {
    version,
    minimumRecords: INSIGHTS_MINIMUM_RECORDS,
    counts: {
      records,
      byStatus: counts.byStatus,
      rated: counts.rated,
      // Among fewer raters than the minimum, a count could point at one patient.
      important: counts.rated < INSIGHTS_MINIMUM_RECORDS ? null : important,
    },
  };
}
