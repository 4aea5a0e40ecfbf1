import type { AidContent, AidRow, Fit } from '../aid/schema';
import type { PatientAnswers } from './schema';
import { IMPORTANT_RATING } from './rules';
import { rowName } from '../aid/names';
import { own } from '../own';

/**
 * How each option lines up with what the patient said matters to them: per
 * option, per consideration, as the author judged it. Deliberately no score,
 * count or "best" option: an additive total can let a trivial benefit outweigh
 * a grave harm, and an aid does not advise a choice (see DOMAIN.md, values
 * clarification).
 */

export interface FitConsideration {
  rowId: string;
  /** The row's consideration label, e.g. "Having less pain" (fall back to the row question, then "Question N", when blank). */
  label: string;
  /** The patient's rating, 3 or 4 (important). */
  rating: number;
  /** Whether the patient marked the row "this matters to me" while reading the options. */
  marked: boolean;
}

export interface OptionFit {
  optionId: string;
  optionName: string;
  /** Important considerations on which the author judged this option better than the others, most important first. */
  better: FitConsideration[];
  /** … worse than the others, most important first. */
  worse: FitConsideration[];
  /** … about the same, or "it depends": listed so nothing important is hidden. */
  neutral: FitConsideration[];
  /** Important considerations where the author gave no judgement for this option. */
  unjudged: FitConsideration[];
}

export interface FitResult {
  /** Every option, in the aid's order — never sorted by how well it fits, and no score or total anywhere. */
  options: OptionFit[];
  /** The considerations the patient rated important (rating ≥ IMPORTANT_RATING), most important first; ties in the aid's row order. */
  important: FitConsideration[];
  /** True when the patient rated nothing as important (the page then invites them to go back). */
  nothingImportant: boolean;
}

function judgementOf(row: AidRow, optionId: string): Fit | undefined {
  return own(row.cells, optionId)?.fit;
}

export function fitOptions(
  aid: AidContent,
  answers: Pick<PatientAnswers, 'ratings' | 'marks'>,
): FitResult {
  const marked = new Set(answers.marks);

  // Walking the aid's rows (not the ratings) drops ratings for rows the aid does not have.
  const rated = aid.rows.flatMap((row, rowIndex) => {
    const rating = own(answers.ratings, row.id);
    if (rating === undefined || rating < IMPORTANT_RATING) return [];
    const consideration: FitConsideration = {
      rowId: row.id,
      label: rowName(row, rowIndex),
      rating,
      marked: marked.has(row.id),
    };
    return [{ row, rowIndex, consideration }];
  });
  rated.sort((a, b) => b.consideration.rating - a.consideration.rating || a.rowIndex - b.rowIndex);

  const options = aid.options.map((option): OptionFit => {
    const fit: OptionFit = {
      optionId: option.id,
      optionName: option.name,
      better: [],
      worse: [],
      neutral: [],
      unjudged: [],
    };
    // `rated` is already most important first, so each list keeps that order.
    for (const { row, consideration } of rated) {
      const judgement = judgementOf(row, option.id);
      // A copy per list, so a caller editing one entry does not change another option's.
      const entry = { ...consideration };
      if (judgement === 'better') fit.better.push(entry);
      else if (judgement === 'worse') fit.worse.push(entry);
      else if (judgement === 'same' || judgement === 'depends') fit.neutral.push(entry);
      else fit.unjudged.push(entry);
    }
    return fit;
  });

  const important = rated.map(({ consideration }) => consideration);
  return { options, important, nothingImportant: important.length === 0 };
}
