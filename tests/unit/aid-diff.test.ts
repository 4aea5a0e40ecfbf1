import { describe, expect, it } from 'vitest';
import { AidContent } from '#shared/aid/schema';
import { diffAids } from '#shared/aid/diff-aids';
import { publishableAid } from '../support/aids';

const base = publishableAid();
const withChange = (change: (aid: AidContent) => void) => {
  const copy = structuredClone(base);
  change(copy);
  return AidContent.parse(copy);
};

describe('the diff between two versions of an aid', () => {
  it('finds nothing between equal content', () => {
    expect(diffAids(base, structuredClone(base))).toEqual({ identical: true, changes: [] });
  });

  it('names a changed detail and a changed answer, with before and after', () => {
    const after = withChange((aid) => {
      aid.funding = 'A charity.';
      aid.rows[0]!.cells['a']!.numbers[0]!.numerator = 35;
    });
    expect(diffAids(base, after).changes).toEqual([
      {
        kind: 'changed',
        area: 'details',
        label: 'Funding',
        pointer: '/funding',
        before: 'No outside funding.',
        after: 'A charity.',
      },
      {
        kind: 'changed',
        area: 'answer',
        label: 'Answer to “Will my skin get better?” for “Steroid cream”: numbers',
        pointer: '/rows/0/cells/a/numbers',
        before:
          '30 out of 100 people like you feel better over 6 months; 70 do not. The true number could be between 20 and 40 out of 100.',
        after:
          '35 out of 100 people like you feel better over 6 months; 65 do not. The true number could be between 20 and 40 out of 100.',
      },
    ]);
  });

  it('lists an added option with its answers, and a removed question', () => {
    const after = withChange((aid) => {
      aid.options.push({
        id: 'c',
        name: 'Light therapy',
        description: 'Sessions twice a week.',
        isNoAction: false,
      });
      aid.rows[0]!.cells['c'] = {
        text: 'About 20 in 100 people feel better.',
        numbers: [],
        sourceIds: [],
      };
      aid.rows.splice(2, 1);
    });
    const changes = diffAids(base, after).changes;
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'added',
        area: 'option',
        label: 'Option “Light therapy”',
        after: 'Light therapy',
      }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'added',
        area: 'answer',
        label: 'Answer to “Will my skin get better?” for “Light therapy”',
        after: 'About 20 in 100 people feel better.',
      }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'removed',
        area: 'question',
        before: 'How will it affect my day?',
      }),
    );
  });

  it('notices a new order of options, and of sources (patients see sources by number)', () => {
    const reordered = withChange((aid) => {
      aid.options.reverse();
      aid.sources.push({ id: 's2', citation: 'A second test source.' });
    });
    const sourcesSwapped = withChange((aid) => {
      aid.sources.push({ id: 's2', citation: 'A second test source.' });
    });
    const swapped = withChange((aid) => {
      aid.sources = [{ id: 's2', citation: 'A second test source.' }, ...aid.sources];
    });
    expect(diffAids(base, reordered).changes).toContainEqual(
      expect.objectContaining({
        kind: 'moved',
        area: 'option',
        before: 'Steroid cream · Wait and see',
        after: 'Wait and see · Steroid cream',
      }),
    );
    expect(diffAids(sourcesSwapped, swapped).changes).toContainEqual(
      expect.objectContaining({ kind: 'moved', area: 'source', label: 'Order of the sources' }),
    );
  });
});
