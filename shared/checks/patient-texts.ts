import type { AidContent } from '../aid/schema';
import { cellOf } from '../aid/cells';
import { placeAndWords, quotedOptionName, quotedRowName } from '../aid/names';
import { numberSentence } from '../aid/number-words';
import { ATTESTATION_STEPS } from '../aid/words';

/**
 * Every text a patient reads in an aid, once, in the order they read it: the
 * reading level measures these, and the number checks read the numbers in them.
 */
export interface PatientText {
  path: ReadonlyArray<string | number>;
  /** Where it is, in words a clinician understands. */
  label: string;
  text: string;
  /**
   * 'label': names and headings of a few words (a title, an option's name);
   * they are checked word by word but leave the whole aid's grade alone, which
   * measures what patients read as sentences.
   */
  role: 'label' | 'prose';
  /** A cell's words or caption: the numbers in it are compared with the cell's own. */
  cell?: { rowIndex: number; optionId: string };
}

export function patientTexts(aid: AidContent): PatientText[] {
  const optionName = (index: number) => quotedOptionName(aid.options[index], index);
  const optionTitle = (index: number) =>
    placeAndWords(`Option ${index + 1}`, aid.options[index]?.name ?? '');
  const texts: PatientText[] = [
    { path: ['title'], label: 'Title', text: aid.title, role: 'label' },
    { path: ['condition'], label: 'Condition', text: aid.condition, role: 'prose' },
    { path: ['question'], label: 'Decision question', text: aid.question, role: 'prose' },
    { path: ['audience'], label: 'Who the aid is for', text: aid.audience, role: 'prose' },
  ];
  aid.options.forEach((option, o) => {
    texts.push(
      {
        path: ['options', o, 'name'],
        label: `Option ${o + 1}: name`,
        text: option.name,
        role: 'label',
      },
      {
        path: ['options', o, 'description'],
        label: `${optionTitle(o)}: description`,
        text: option.description,
        role: 'prose',
      },
    );
  });
  aid.rows.forEach((row, r) => {
    const rowTitle = placeAndWords(`Question ${r + 1}`, row.question);
    const rowName = quotedRowName({ question: row.question, label: '' }, r, 'question');
    texts.push(
      { path: ['rows', r, 'question'], label: rowTitle, text: row.question, role: 'prose' },
      {
        path: ['rows', r, 'label'],
        label: `${rowTitle}: consideration`,
        text: row.label,
        role: 'label',
      },
    );
    aid.options.forEach((option, o) => {
      const cell = cellOf(row, option.id);
      const where = { rowIndex: r, optionId: option.id };
      texts.push({
        path: ['rows', r, 'cells', option.id, 'text'],
        label: `${rowName} for ${optionName(o)}`,
        text: cell.text,
        role: 'prose',
        cell: where,
      });
      cell.numbers.forEach((number, n) => {
        texts.push({
          path: ['rows', r, 'cells', option.id, 'numbers', n],
          label: `${rowName} for ${optionName(o)}: number ${n + 1} as patients read it`,
          text: numberSentence(number),
          role: 'prose',
          cell: where,
        });
      });
    });
  });
  texts.push(
    { path: ['funding'], label: 'Funding', text: aid.funding, role: 'prose' },
    {
      path: ['conflictsOfInterest'],
      label: 'Conflicts of interest',
      text: aid.conflictsOfInterest,
      role: 'prose',
    },
    {
      path: ['evidenceMethods'],
      label: 'How the evidence was chosen',
      text: aid.evidenceMethods,
      role: 'prose',
    },
    { path: ['updatePolicy'], label: 'Update policy', text: aid.updatePolicy, role: 'prose' },
  );
  for (const { step, title } of ATTESTATION_STEPS) {
    const attestation = aid.attestations[step];
    if (attestation.done) {
      texts.push({
        path: ['attestations', step, 'detail'],
        label: `${title}: how it was done`,
        text: attestation.detail,
        role: 'prose',
      });
    }
  }
  return texts;
}
