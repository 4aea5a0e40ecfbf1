import { describe, expect, it } from 'vitest';
import { AidContent } from '../../shared/aid';
import {
  applyIntent,
  contentToFormValues,
  formValuesToInput,
  parseIntent,
  readAidForm,
  type AidFormValues,
} from '../../shared/aid-form';
import { publishableAid } from '../support/aids';

/** The fields a browser sends for a form showing `values`. */
function asFormEntries(values: AidFormValues): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  const walk = (value: unknown, name: string) => {
    if (typeof value === 'boolean') {
      if (value) entries.push([name, 'on']);
    } else if (typeof value === 'string') {
      entries.push([name, value]);
    } else if (Array.isArray(value)) {
      if (name.endsWith('sourceIds')) value.forEach((v) => entries.push([name, String(v)]));
      else value.forEach((item, i) => walk(item, `${name}.${i}`));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, name ? `${name}.${key}` : key);
    }
  };
  walk(values, '');
  return entries;
}

describe('the editor form', () => {
  it('reads back the content it shows, unchanged', () => {
    const content = publishableAid();
    const values = readAidForm(asFormEntries(contentToFormValues(content)));
    expect(AidContent.parse(formValuesToInput(values))).toEqual(content);
  });

  it('keeps a mistyped number as typed, so the schema can say what is wrong', () => {
    const values = contentToFormValues(publishableAid());
    values.rows[0]!.cells['a']!.number.numerator = 'many';
    const result = AidContent.safeParse(formValuesToInput(values));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['rows', 0, 'cells', 'a', 'number', 'numerator'],
    });
  });

  it('leaves out a number whose fields are all blank', () => {
    const values = contentToFormValues(publishableAid());
    values.rows[0]!.cells['a']!.number = {
      numerator: '',
      denominator: ' ',
      timeFrame: '',
      referenceClass: '',
      range: { low: '', high: '' },
    };
    const parsed = AidContent.parse(formValuesToInput(values));
    expect(parsed.rows[0]!.cells['a']!.number).toBeUndefined();
  });

  it('adds, moves and removes options, rows and sources, keeping cells and citations consistent', () => {
    let values = contentToFormValues(publishableAid());
    values = applyIntent(values, parseIntent('add-option')!, () => 'new');
    expect(values.options.map((o) => o.id)).toEqual(['a', 'b', 'new']);
    expect(values.rows.every((row) => 'new' in row.cells)).toBe(true);
    values = applyIntent(values, parseIntent('move-option-left:new')!, () => 'x');
    expect(values.options.map((o) => o.id)).toEqual(['a', 'new', 'b']);
    values = applyIntent(values, parseIntent('remove-option:a')!, () => 'x');
    expect(values.rows.every((row) => !('a' in row.cells))).toBe(true);
    values = applyIntent(values, parseIntent('move-row-down:better')!, () => 'x');
    expect(values.rows.map((r) => r.id)).toEqual(['rash', 'better', 'life']);
    values = applyIntent(values, parseIntent('remove-source:s1')!, () => 'x');
    expect(
      values.rows.flatMap((row) => Object.values(row.cells).flatMap((c) => c.sourceIds)),
    ).toEqual([]);
    expect(parseIntent('remove-option:')).toBeNull();
    expect(parseIntent('explode')).toBeNull();
  });
});
