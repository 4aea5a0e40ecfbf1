import type { PatientAnswers, StepName } from '#shared/record';
import { sureItems } from '#shared/record-rules';

/**
 * Reads a step's form into the answers the API checks. Values are passed on as
 * sent (a tampered rating stays out of range) so the API can say what is wrong.
 */
export function readStepForm(
  step: StepName,
  form: FormData,
  newId: () => string,
): Partial<PatientAnswers> {
  const text = (name: string) => String(form.get(name) ?? '');
  switch (step) {
    case 'options':
      return { marks: form.getAll('marks').map(String) };
    case 'values': {
      const ratings: Record<string, number> = {};
      for (const [name, value] of form.entries()) {
        const rowId = /^ratings\.(.+)$/.exec(name)?.[1];
        if (rowId !== undefined && typeof value === 'string' && value !== '')
          ratings[rowId] = Number(value);
      }
      const ownConcerns = [];
      for (let i = 0; form.has(`ownConcerns.${i}.text`); i += 1) {
        const concern = text(`ownConcerns.${i}.text`).trim();
        if (!concern) continue; // an empty box is not a concern
        const rating = text(`ownConcerns.${i}.rating`);
        ownConcerns.push({
          id: text(`ownConcerns.${i}.id`) || newId(),
          text: concern,
          ...(rating === '' ? {} : { rating: Number(rating) }),
        });
      }
      return { ratings, ownConcerns } as Partial<PatientAnswers>;
    }
    case 'leaning': {
      const leaning = text('leaning');
      return leaning ? { leaning } : {};
    }
    case 'sure': {
      // Anything but yes or no goes on as sent, for the API to refuse at the field.
      const sure: Record<string, boolean | string> = {};
      for (const item of sureItems) {
        const answer = text(`sure.${item}`);
        if (answer !== '') sure[item] = answer === 'yes' ? true : answer === 'no' ? false : answer;
      }
      return { sure, worries: text('worries') } as Partial<PatientAnswers>;
    }
    case 'questions': {
      const link = text('readElsewhere.link').trim();
      return {
        questions: text('questions'),
        readElsewhere: { note: text('readElsewhere.note'), ...(link ? { link } : {}) },
      };
    }
    case 'decision':
    case 'summary':
      return {};
  }
}
