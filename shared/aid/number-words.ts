import type { Cell, NaturalFrequency } from './schema';
import { overTimeFrame } from './time-frames';

/**
 * How a structured number reads, once, for every place that shows it (the
 * grid, the patient's steps, the record, the PDF, the checks): both sides,
 * "14 out of 100 people like you who take a statin have a heart attack or
 * stroke over 10 years; 86 do not." Type-only schema imports: patient pages
 * use this in the browser.
 */
/** Icon arrays draw one mark per person; above this many, the words say it alone. */
export const MAX_ICONS = 1000;

export interface NumberWords {
  /** "14 out of 100" */
  count: string;
  /** "people like you who take a statin have a heart attack or stroke over 10 years" */
  happens: string;
  /** "86 do not", or '' when no outcome is named (there is nothing to say they escape). */
  others: string;
  /** "between 10 and 19 out of 100", or ''. */
  range: string;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

export function numberWords(n: NaturalFrequency): NumberWords {
  const outcome = clean(n.outcome ?? '');
  return {
    count: `${n.numerator} out of ${n.denominator}`,
    happens: clean(`${n.referenceClass} ${outcome} ${overTimeFrame(n.timeFrame)}`),
    others: outcome === '' ? '' : `${n.denominator - n.numerator} do not`,
    range: n.range
      ? `The true number could be between ${n.range.low} and ${n.range.high} out of ${n.denominator}.`
      : '',
  };
}

/** The whole caption in one sentence, with its range when it has one. */
export function numberSentence(n: NaturalFrequency, options: { range?: boolean } = {}): string {
  const words = numberWords(n);
  const main = clean(`${words.count} ${words.happens}`);
  const sentence = words.others === '' ? `${main}.` : `${main}; ${words.others}.`;
  return options.range === false || words.range === '' ? sentence : `${sentence} ${words.range}`;
}

/** A cell's numbers, each as its sentence. */
export const cellNumberSentences = (cell: Pick<Cell, 'numbers'>): string[] =>
  (cell.numbers ?? []).map((n) => numberSentence(n));
