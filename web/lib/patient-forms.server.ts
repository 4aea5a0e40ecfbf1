import * as z from 'zod';
import { aidLimits } from '#shared/aid/limits';
import { StepAnswers } from '#shared/record/schema';
import type { StepName } from '#shared/record/rules';
import { recordLimits, sureItems } from '#shared/record/rules';
import { MAX_UNDERSTANDING_QUESTIONS } from '#shared/record/understanding';
import type { FormLimits } from './form-data.server';
import { group, list, optional, text, whole, yesNo } from './form-values';

/**
 * The patient's step forms, read on the server only: patient pages ship no
 * zod. Each is the step's shared schema (`StepAnswers`), with the form's text
 * read first. What a tampered form sends goes on as sent (a rating of 7), so
 * that the schema says what is wrong at the field.
 */
export function stepForm(step: StepName, newId: () => string): z.ZodType {
  switch (step) {
    case 'summary':
      return z.preprocess(() => ({}), StepAnswers[step]);
    case 'decision':
      return z.preprocess((payload) => {
        const how = group(group(payload)['howToDecide']);
        return {
          howToDecide: {
            role: optional(how['role']),
            others: text(how['others']),
            pressure: optional(how['pressure']),
            timing: optional(how['timing']),
          },
        };
      }, StepAnswers.decision);
    case 'options':
      return z.preprocess(
        (payload) => ({ marks: list(group(payload)['marks']) }),
        StepAnswers.options,
      );
    case 'values':
      return z.preprocess((payload) => {
        const fields = group(payload);
        const ratings = Object.entries(group(fields['ratings']))
          // A consideration left unanswered was skipped.
          .filter(([, rating]) => rating !== '')
          .map(([rowId, rating]) => [rowId, whole(rating)]);
        const ownConcerns = list(fields['ownConcerns'])
          .map(group)
          // An empty box is not a concern.
          .filter((concern) => optional(concern['text']) !== undefined)
          .map((concern) => {
            const rating = concern['rating'];
            return {
              // A new concern's id comes with the form, so a form sent twice saves it once.
              id: optional(concern['id']) ?? newId(),
              text: concern['text'],
              ...(rating === undefined || rating === '' ? {} : { rating: whole(rating) }),
            };
          });
        return { ratings: Object.fromEntries(ratings), ownConcerns };
      }, StepAnswers.values);
    case 'leaning':
      return z.preprocess((payload) => {
        const fields = group(payload);
        // By concern, by option; an option left unanswered was skipped.
        const concernFits = Object.fromEntries(
          Object.entries(group(fields['concernFits'])).map(([concernId, byOption]) => [
            concernId,
            Object.fromEntries(
              Object.entries(group(byOption)).filter(([, judgement]) => judgement !== ''),
            ),
          ]),
        );
        return { leaning: optional(fields['leaning']), concernFits };
      }, StepAnswers.leaning);
    case 'sure':
      return z.preprocess((payload) => {
        const fields = group(payload);
        const sure = group(fields['sure']);
        return {
          sure: Object.fromEntries(
            sureItems
              .map((item) => [item, yesNo(sure[item])] as const)
              .filter(([, answer]) => answer !== undefined),
          ),
          worries: text(fields['worries']),
          // By row, by option; a question left unanswered was skipped.
          understanding: Object.fromEntries(
            Object.entries(group(fields['understanding'])).map(([rowId, byOption]) => [
              rowId,
              Object.fromEntries(
                Object.entries(group(byOption)).filter(([, answer]) => answer !== ''),
              ),
            ]),
          ),
        };
      }, StepAnswers.sure);
    case 'questions':
      return z.preprocess((payload) => {
        const fields = group(payload);
        const readElsewhere = group(fields['readElsewhere']);
        const link = optional(readElsewhere['link']);
        return {
          questions: text(fields['questions']),
          readElsewhere: { note: text(readElsewhere['note']), ...(link ? { link } : {}) },
        };
      }, StepAnswers.questions);
  }
}

/** The fields a step's form sends at most (answers, revision, buttons); more, and it is refused unread. */
const SPARE = 5;
const stepFields: Record<StepName, number> = {
  // How the patient wants to decide: four answers.
  decision: 4 + SPARE,
  options: aidLimits.rows.max + SPARE,
  values: aidLimits.rows.max + (recordLimits.ownConcerns + 1) * 3 + SPARE,
  // The leaning, and a judgement per own concern and option.
  leaning: 1 + recordLimits.ownConcerns * aidLimits.options.max + SPARE,
  // The four answers, the worries, whether the result was shown, and the check of understanding.
  sure: sureItems.length + 2 + MAX_UNDERSTANDING_QUESTIONS + SPARE,
  questions: 3 + SPARE,
  summary: SPARE,
};

export const stepFormLimits = (step: StepName): FormLimits => ({
  maxFields: stepFields[step],
  // The own concerns, and one more box ("Save and add one more").
  maxIndex: recordLimits.ownConcerns + 1,
  valuesOf: (name) => (name === 'marks' ? aidLimits.rows.max : 1),
});
