import type { AidContent, AidRow, Cell, Fit } from '../aid/schema';
import { cellOf } from '../aid/cells';
import type { PatientAnswers } from './schema';
import { IMPORTANT_RATING, type OwnFit } from './rules';
import { patientPriorities, type Priority } from './summary';
import { own } from '../own';

/**
 * How each option lines up with what the patient said matters to them: per
 * option, per consideration. On the aid's questions, as the authors judged it,
 * with the evidence beside it; on the patient's own concerns, as the patient
 * judges it. Deliberately no score, count or "best" option: an additive total
 * can let a trivial benefit outweigh a grave harm, and an aid does not advise
 * a choice (see DOMAIN.md, values clarification).
 */

/** A consideration the patient rated important: one of the aid's rows, or a concern of their own. */
export type FitConsideration = Priority;

/** One of the aid's questions for one option: the authors' judgement and the cell behind it. */
export interface RowFit extends FitConsideration {
  kind: 'row';
  /** The cell's words, number and certainty, as the aid gives them (an empty cell when missing). */
  cell: Cell;
  /**
   * The total the row's numbers share (say 100), when every number in the row
   * has the same total: icon arrays are drawn only then, so that they compare.
   */
  commonDenominator: number | null;
}

/** The patient's own concern for one option, with their own judgement (undefined until they give it). */
export interface OwnConcernFit extends FitConsideration {
  kind: 'own';
  judgement: OwnFit | undefined;
}

export interface OptionFit {
  optionId: string;
  optionName: string;
  /** Important considerations on which the authors judged this option better than the others, most important first. */
  better: RowFit[];
  /** … worse than the others, most important first. */
  worse: RowFit[];
  /** … about the same as the others. */
  same: RowFit[];
  /** … where the authors say "it depends": a group of its own. */
  depends: RowFit[];
  /** Important considerations where the authors gave no judgement for this option. */
  unjudged: RowFit[];
  /** The patient's own important concerns, most important first, with the patient's judgement. */
  own: OwnConcernFit[];
}

export interface FitResult {
  /** Every option, in the aid's order — never sorted by how well it fits, and no score or total anywhere. */
  options: OptionFit[];
  /**
   * The considerations the patient rated important (rating ≥ IMPORTANT_RATING),
   * the aid's and their own, most important first; ties in the aid's row order, then the patient's.
   */
  important: FitConsideration[];
  /** True when the patient rated nothing as important, of the aid's or their own (the page then invites them to go back). */
  nothingImportant: boolean;
}

/** An option's fit before any consideration is weighed: every list empty. */
export function emptyFit(optionId: string, optionName: string): OptionFit {
  return {
    optionId,
    optionName,
    better: [],
    worse: [],
    same: [],
    depends: [],
    unjudged: [],
    own: [],
  };
}

function judgementOf(row: AidRow, optionId: string): Fit | undefined {
  return own(row.cells, optionId)?.fit;
}

/** The total every number in a row shares, or null when the row has no numbers or they differ. */
export function commonDenominator(row: AidRow, optionIds: readonly string[]): number | null {
  const totals = new Set(
    optionIds.flatMap((id) => {
      return (own(row.cells, id)?.numbers ?? []).map((n) => n.denominator);
    }),
  );
  return totals.size === 1 ? [...totals][0]! : null;
}

export function fitOptions(
  aid: AidContent,
  answers: Pick<PatientAnswers, 'ratings' | 'marks'> &
    Partial<Pick<PatientAnswers, 'ownConcerns' | 'concernFits'>>,
): FitResult {
  // Walking the aid's rows (not the ratings) drops ratings for rows the aid does not have.
  const important = patientPriorities(aid, {
    ratings: answers.ratings,
    marks: answers.marks,
    ownConcerns: answers.ownConcerns ?? [],
  }).filter((priority) => priority.rating >= IMPORTANT_RATING);
  const rows = new Map(aid.rows.map((row) => [row.id, row]));
  const optionIds = aid.options.map((option) => option.id);
  const judgements = answers.concernFits ?? {};

  const options = aid.options.map((option): OptionFit => {
    const fit = emptyFit(option.id, option.name);
    // `important` is already most important first, so each list keeps that order.
    for (const consideration of important) {
      if (consideration.kind === 'own') {
        const judgement = own(own(judgements, consideration.id) ?? {}, option.id);
        fit.own.push({ ...consideration, kind: 'own', judgement });
        continue;
      }
      const row = rows.get(consideration.id)!;
      // A copy per list, so a caller editing one entry does not change another option's.
      const entry: RowFit = {
        ...consideration,
        kind: 'row',
        cell: cellOf(row, option.id),
        commonDenominator: commonDenominator(row, optionIds),
      };
      const judgement = judgementOf(row, option.id);
      if (judgement === undefined) fit.unjudged.push(entry);
      else fit[judgement].push(entry);
    }
    return fit;
  });

  return {
    options,
    important: important.map((consideration) => ({ ...consideration })),
    nothingImportant: important.length === 0,
  };
}
