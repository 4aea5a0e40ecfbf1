import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldErrors, makeProblem } from '#shared/problem';
import { toPointer } from '#shared/pointer';
import { redactPath } from '#functions/log/logger';

describe('problem details', () => {
  it('builds JSON pointers, escaping "~" and "/" as RFC 6901 says', () => {
    expect(toPointer(['options', 0, 'name'])).toBe('/options/0/name');
    expect(toPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(toPointer([])).toBe('');
  });

  it('turns every zod issue into a field error with its pointer', () => {
    const schema = z.object({
      rows: z.array(z.object({ label: z.string().min(1, 'Add a label') })),
    });
    const result = schema.safeParse({ rows: [{ label: 'ok' }, { label: '' }] });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual([
      { pointer: '/rows/1/label', detail: 'Add a label' },
    ]);
  });

  it('gives each kind its status and title', () => {
    expect(makeProblem('conflict', { detail: 'x' })).toEqual({
      type: '/problems/conflict',
      title: 'Someone else changed this first',
      status: 409,
      detail: 'x',
    });
  });
});

describe('log redaction', () => {
  it('keeps patient link tokens out of logged paths', () => {
    expect(redactPath('/p/abcDEF123/step/2')).toBe('/p/:token/step/2');
    expect(redactPath('/p/abcDEF123')).toBe('/p/:token');
    expect(redactPath('/api/patient/record')).toBe('/api/patient/record');
    expect(redactPath('/api/aids/123')).toBe('/api/aids/123');
  });
});
