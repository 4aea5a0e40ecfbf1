import { describe, expect, it } from 'vitest';
import { MIN_WORDS_TO_GRADE, measureText } from '#shared/checks/readability';
import { patientText } from '../../web/lib/patient-text';

/** Every string of the catalogue, with functions called on typical values. */
function allTexts(value: unknown, path = 'patientText'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const sample = (value as (...args: unknown[]) => string)(
      ...[12, 100, 'people like you', 'after 1 year', 'have less pain over 1 year'].slice(
        0,
        value.length,
      ),
    );
    return [[path, sample]];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => allTexts(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => allTexts(item, `${path}.${key}`));
  }
  return [];
}

describe('patient-facing interface text', () => {
  const texts = allTexts(patientText);

  it('reads at grade 6 or below, text by text, for every text long enough to grade', () => {
    // As in the editor: grade formulas mean little under 10 words ("Conflicts of interest").
    const graded = texts.filter(([, text]) => measureText(text).words >= MIN_WORDS_TO_GRADE);
    expect(graded.length).toBeGreaterThan(20);
    const tooHard = graded
      .map(([path, text]) => [path, text, measureText(text).grade] as const)
      .filter(([, , grade]) => grade === null || grade > 6);
    expect(tooHard).toEqual([]);
  });

  it('reads at grade 6 or below as a whole, on the stricter of Flesch–Kincaid and SMOG', () => {
    const whole = measureText(
      texts.map(([, text]) => (/[.!?]$/.test(text) ? text : `${text}.`)).join(' '),
    );
    expect(whole.sentences).toBeGreaterThanOrEqual(10);
    expect(whole.grade).toBe(Math.max(whole.fleschKincaidGrade!, whole.smogGrade!));
    expect(whole.grade!).toBeLessThanOrEqual(6);
  });
});
