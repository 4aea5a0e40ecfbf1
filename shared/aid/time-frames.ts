import type { TimeFrame, TimeUnit } from './schema';
import { parseWhole, wholeNumber } from './written-numbers';

/**
 * Time frames as a value and a unit, so "1 year", "one year" and "12 months"
 * compare equal. Kept apart from the zod schemas: patient pages use these in
 * the browser.
 */

const unitWords: Record<TimeUnit, [one: string, many: string]> = {
  days: ['day', 'days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
  years: ['year', 'years'],
};

/** "10 years", "1 month". */
export function timeFrameText(timeFrame: TimeFrame | undefined): string {
  if (!timeFrame) return '';
  const [one, many] = unitWords[timeFrame.unit];
  return `${timeFrame.value} ${timeFrame.value === 1 ? one : many}`;
}

/** How a caption says it: "over 10 years". */
export function overTimeFrame(timeFrame: TimeFrame | undefined): string {
  return timeFrame ? `over ${timeFrameText(timeFrame)}` : '';
}

/**
 * A key equal for equal lengths of time: years count as 12 months and weeks as
 * 7 days. Months and days are not converted into each other (a month is not a
 * whole number of days), so "4 weeks" and "1 month" stay different.
 */
export function timeFrameKey(timeFrame: TimeFrame | undefined): string {
  if (!timeFrame) return '';
  switch (timeFrame.unit) {
    case 'years':
      return `${timeFrame.value * 12} months`;
    case 'months':
      return `${timeFrame.value} months`;
    case 'weeks':
      return `${timeFrame.value * 7} days`;
    case 'days':
      return `${timeFrame.value} days`;
  }
}

const unitOf: Record<string, TimeUnit> = {
  day: 'days',
  days: 'days',
  week: 'weeks',
  weeks: 'weeks',
  month: 'months',
  months: 'months',
  year: 'years',
  years: 'years',
};

/**
 * A time frame written as words, as aids before structured time frames kept
 * them: "over 10 years", "after one year", "12 months", "a 5-year period".
 * Undefined when no single length of time can be read from it.
 */
export function readTimeFrame(written: string): TimeFrame | undefined {
  const pattern = new RegExp(`\\b(${wholeNumber}|an)[\\s-]+(days?|weeks?|months?|years?)\\b`, 'gi');
  const found = [...written.matchAll(pattern)];
  if (found.length !== 1) return undefined;
  const [, amount = '', unit = ''] = found[0]!;
  const value = /^an?$/i.test(amount) ? 1 : parseWhole(amount);
  const timeUnit = unitOf[unit.toLowerCase()];
  if (!Number.isInteger(value) || value < 1 || !timeUnit) return undefined;
  return { value, unit: timeUnit };
}
