import { rowName } from '../aid/names';
import type { AidContent, AidRow } from '../aid/schema';
import { own } from '../own';
import type { AuditEvent, PatientAnswers } from './schema';
import { IMPORTANT_RATING, NOT_SURE, sureItems, type SureItem } from './rules';

/**
 * What a record says about the patient, read the same way everywhere it is
 * shown: the consult view, the patient's own record, the PDF and FHIR. No zod.
 */

/** A consideration the patient rated: one of the aid's rows, or a concern in their own words. */
export interface Priority {
  kind: 'row' | 'own';
  /** The row id, or the own concern's id. */
  id: string;
  label: string;
  /** 0 "doesn't matter to me" … 4 "matters a lot". */
  rating: number;
  /** Marked "this matters to me" while reading the options (rows only). */
  marked: boolean;
}

/**
 * Everything the patient rated, most important first, their own concerns among
 * the aid's rows; ties keep the aid's order, then the patient's.
 */
export function patientPriorities(
  aid: AidContent,
  answers: Pick<PatientAnswers, 'ratings' | 'marks' | 'ownConcerns'>,
): Priority[] {
  const marked = new Set(answers.marks);
  const rows = aid.rows.flatMap((row, index): Priority[] => {
    const rating = own(answers.ratings, row.id);
    return rating === undefined
      ? []
      : [
          {
            kind: 'row',
            id: row.id,
            label: rowName(row, index),
            rating,
            marked: marked.has(row.id),
          },
        ];
  });
  const concerns = answers.ownConcerns.flatMap((concern): Priority[] =>
    concern.rating === undefined
      ? []
      : [
          {
            kind: 'own',
            id: concern.id,
            label: concern.text,
            rating: concern.rating,
            marked: false,
          },
        ],
  );
  // Array.prototype.sort is stable: equal ratings keep the order above.
  return [...rows, ...concerns].sort((a, b) => b.rating - a.rating);
}

/** How much a row matters to the patient: rated important, or marked while reading. */
export interface RowImportance {
  row: AidRow;
  /** Its place in the aid, for its name when it has none. */
  index: number;
  rating: number | undefined;
  marked: boolean;
  /** Rated "quite a lot" or "a lot", or marked and not rated lower. */
  important: boolean;
}

/**
 * The aid's rows with the ones that matter most to this patient first (highest
 * rating, then marked ones), then the rest in the aid's order.
 */
export function rowsByImportance(
  aid: AidContent,
  answers: Pick<PatientAnswers, 'ratings' | 'marks'>,
): RowImportance[] {
  const marked = new Set(answers.marks);
  const rows = aid.rows.map((row, index): RowImportance => {
    const rating = own(answers.ratings, row.id);
    const isMarked = marked.has(row.id);
    const important =
      (rating !== undefined && rating >= IMPORTANT_RATING) || (isMarked && rating === undefined);
    return { row, index, rating, marked: isMarked, important };
  });
  const weight = (r: RowImportance) =>
    r.important ? (r.rating ?? IMPORTANT_RATING - 0.5) + (r.marked ? 0.25 : 0) : -1;
  return rows.sort((a, b) => weight(b) - weight(a));
}

/** The patient's leaning in words: an option's name, "not sure yet", or null when not given. */
export function leaningName(aid: AidContent, leaning: string | undefined): string | null {
  if (leaning === undefined) return null;
  if (leaning === NOT_SURE) return 'Not sure yet';
  return aid.options.find((option) => option.id === leaning)?.name ?? null;
}

export interface SureSummary {
  items: Array<{ item: SureItem; answer: boolean | undefined }>;
  /** Yes = 1, once all four are answered; null before. */
  score: number | null;
  /**
   * Why the patient may not be ready to decide (Légaré et al. 2010: a score of 3
   * or less signals decisional conflict): an answer is "no", or some were left out
   * so the score cannot reach 4. Null when nothing flags, or nothing was answered.
   */
  flag: 'a-no' | 'left-out' | null;
  /** The flag in words, the same in the consult view, the PDF and FHIR; null with no flag. */
  flagText: string | null;
  unanswered: number;
}

const sureFlagText: Record<NonNullable<SureSummary['flag']>, string> = {
  'a-no': 'May not be ready to decide: at least one answer is no.',
  'left-out':
    'May not be ready to decide: some answers were left out, so the score cannot reach 4.',
};

export function sureSummary(sure: PatientAnswers['sure']): SureSummary {
  const items = sureItems.map((item) => ({ item, answer: sure[item] }));
  const unanswered = items.filter((i) => i.answer === undefined).length;
  const yes = items.filter((i) => i.answer === true).length;
  const anyNo = items.some((i) => i.answer === false);
  const flag = anyNo ? 'a-no' : unanswered > 0 && unanswered < items.length ? 'left-out' : null;
  return {
    items,
    score: unanswered === 0 ? yes : null,
    flag,
    flagText: flag ? sureFlagText[flag] : null,
    unanswered,
  };
}

/** The patient's questions for the visit, one per line, blank lines dropped. */
export function questionLines(questions: string): string[] {
  return questions
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The rows the patient rated "matters quite a lot" or "a lot". */
export function importantRowIds(ratings: PatientAnswers['ratings']): Set<string> {
  return new Set(
    Object.entries(ratings)
      .filter(([, rating]) => rating >= IMPORTANT_RATING)
      .map(([rowId]) => rowId),
  );
}

/**
 * A history for reading: the same clinician opening the record several times
 * in a row becomes one line with a count, so that the changes stand out.
 */
export function historyLines(
  history: readonly AuditEvent[],
): Array<{ event: AuditEvent; times: number; firstAt: string }> {
  const lines: Array<{ event: AuditEvent; times: number; firstAt: string }> = [];
  for (const event of history) {
    const last = lines.at(-1);
    const sameViewer =
      last &&
      event.type === 'viewed' &&
      last.event.type === 'viewed' &&
      event.actor.kind === 'clinician' &&
      last.event.actor.kind === 'clinician' &&
      last.event.actor.id === event.actor.id;
    if (sameViewer) {
      last.times += 1;
      last.firstAt = event.at;
    } else {
      lines.push({ event, times: 1, firstAt: event.at });
    }
  }
  return lines;
}
