import { describe, expect, it } from 'vitest';
import { AidContent } from '#shared/aid/schema';
import {
  anchorFor,
  criterionCode,
  numbersReadText,
  statusWord,
} from '../../web/components/editor/checks-panel';
import { checkIpdas } from '#shared/checks/ipdas';
import { sourceLabel } from '../../web/components/editor/editor-anchors';
import { publishableAid } from '../support/aids';

describe("the editor's checks panel", () => {
  it('never says numbers share their totals when it read none', () => {
    expect(numbersReadText({ structured: 0, inText: 0 }, 0)).toBe(
      'No numbers found yet: nothing to compare. No vague or relative wording was found.',
    );
    expect(numbersReadText({ structured: 12, inText: 3 }, 0)).toMatch(
      /^Read 12 numbers in the grid and 3 in the words: nothing to fix\./,
    );
    expect(numbersReadText({ structured: 1, inText: 0 }, 2)).toBe(
      'Read 1 number in the grid and 0 in the words. To look at:',
    );
  });

  it('says "given", not "met", where software can only see that something is there', () => {
    const results = checkIpdas(publishableAid(), { today: '2026-06-01' });
    const said = (id: string) => statusWord(results.find((result) => result.id === id)!);
    expect(said('C6')).toBe('given');
    expect(said('C5')).toBe('met');
    expect(said('C7')).toBe('does not apply');
    expect(statusWord({ status: 'missing', presenceOnly: true })).toBe('missing');
  });

  it('names criteria by their IPDAS number, whatever the check', () => {
    expect(
      ['Q4-substance', 'C4-due', 'B24-B28', 'C3-C4-dates', 'B12', 'C1-neutral'].map(criterionCode),
    ).toEqual(['Q4', 'C4', 'B24–B28', 'C3–C4', 'B12', 'C1']);
  });

  it("links a number's problem to its field, and a development step to its tick", () => {
    const content = AidContent.parse({
      ...publishableAid(),
      rows: publishableAid().rows.map((row, r) =>
        r === 0
          ? {
              ...row,
              cells: {
                ...row.cells,
                a: {
                  ...row.cells['a']!,
                  numbers: [
                    { numerator: 1, denominator: 100, referenceClass: 'people' },
                    { numerator: 2, denominator: 100, referenceClass: 'people' },
                  ],
                },
              },
            }
          : row,
      ),
    });
    const id = (name: string) => `#${encodeURIComponent(`editor-${name}`)}`;
    expect(anchorFor('/rows/0/cells/a/numbers/1/outcome', content)).toBe(
      id('rows[0].cells.a.numbers[1].outcome'),
    );
    expect(anchorFor('/rows/0/cells/a/numbers/1', content)).toBe(
      id('rows[0].cells.a.numbers[1].outcome'),
    );
    expect(anchorFor('/rows/0/cells/a/numbers/0/timeFrame', content)).toBe(
      id('rows[0].cells.a.numbers[0].timeFrame.value'),
    );
    expect(anchorFor('/rows/0/cells/a/numbers', content)).toBe('#cell-better-a');
    expect(anchorFor('/rows/0/cells/a/sourceIds', content)).toBe('#sources-better-a');
    expect(anchorFor('/attestations/patientNeeds', content)).toBe(
      id('attestations.patientNeeds.done'),
    );
    expect(anchorFor('/attestations/patientNeeds/detail', content)).toBe(
      id('attestations.patientNeeds.detail'),
    );
  });
});

describe('how a cell names its sources', () => {
  it('tells apart papers whose citations begin alike, by year and title', () => {
    const group = "Cholesterol Treatment Trialists' (CTT) Collaboration.";
    const labels = [
      sourceLabel(
        1,
        `${group} Efficacy and safety of statin therapy in older people. Lancet 2019;393:407-15.`,
      ),
      sourceLabel(
        2,
        `${group} Efficacy and safety of more intensive lowering of LDL cholesterol. Lancet 2010;376:1670-81.`,
        '2010-11',
      ),
    ];
    expect(labels[0]).toBe(
      "1. Cholesterol Treatment Trialists' (CTT)… 2019: Efficacy and safety of statin therapy in older people",
    );
    expect(labels[1]).toMatch(/^2\. .* 2010: Efficacy and safety of more intensive lowering/);
  });

  it('names the first author without initials, and keeps a citation of one sentence whole', () => {
    expect(sourceLabel(3, 'Smith JA, Jones K. Knee replacement outcomes. BMJ 2021;372:n1.')).toBe(
      '3. Smith 2021: Knee replacement outcomes',
    );
    expect(sourceLabel(4, 'NICE guideline NG226 (2022)')).toBe('4. NICE guideline NG226 (2022)');
    expect(sourceLabel(5, '  ')).toBe('5. Untitled source');
  });
});
