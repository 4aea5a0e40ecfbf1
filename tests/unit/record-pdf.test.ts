import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { createRecordPdfRenderer } from '#functions/exports/record-pdf';
import type { Amendment, Decision } from '#shared/record/decision';
import type { RecordView } from '#shared/record/schema';
import { choiceAmendment, recordView } from '../support/records';

const require = createRequire(import.meta.url);
const font = (file: string) =>
  new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
const render = createRecordPdfRenderer({
  regular: font('DejaVuSans.ttf'),
  bold: font('DejaVuSans-Bold.ttf'),
});

const DRAFT = 'Draft — not yet decided';
/** A4's width, less the 5 mm that printers leave blank at each edge. */
const PRINTABLE = { left: 14, right: 595.28 - 14 };

interface Page {
  /** The page's text as a reader would copy it, whitespace normalised. */
  text: string;
  /** Where each piece of text starts and ends across the page, in points. */
  spans: Array<{ str: string; left: number; right: number }>;
}

async function pagesOf(view: RecordView): Promise<Page[]> {
  const bytes = await render({ view, generatedAt: '2026-11-21T08:00:00.000Z' });
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: Page[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const { items } = await (await pdf.getPage(number)).getTextContent();
    const spans = items.flatMap((item) =>
      'str' in item
        ? [{ str: item.str, left: item.transform[4], right: item.transform[4] + item.width }]
        : [],
    );
    const text = spans
      .map((span) => span.str)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    pages.push({ text, spans });
  }
  await pdf.destroy();
  return pages;
}

const textOf = (pages: Page[]) => pages.map((page) => page.text).join(' ');

/** The text of one section: from its heading to the next one given. */
function section(text: string, heading: string, nextHeading: string): string {
  const start = text.indexOf(heading);
  expect(start, `"${heading}" is in the PDF`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf(nextHeading, start);
  return text.slice(start, end === -1 ? undefined : end);
}

function decidedWith(changes: Partial<Decision>, amendments: Amendment[] = []): RecordView {
  const decision = recordView({ decided: true }).record.decision;
  if (!decision) throw new Error('The fixture has a decision when decided');
  return recordView({
    decided: true,
    record: { decision: { ...decision, ...changes }, amendments },
  });
}

describe('the shared decision record as a PDF', () => {
  it('shows a decided record: the choice, the priorities in order, the SURE flag and the questions', async () => {
    const pages = await pagesOf(recordView({ decided: true }));
    const text = textOf(pages);

    expect(section(text, 'What was decided', 'What matters most')).toContain('Steroid cream');
    const priorities = section(text, 'What matters most to the patient', 'Leaning');
    expect(priorities).toMatch(
      /Keeping my hands free for work \(in their own words\) Matters a lot.*Avoiding side effects/,
    );
    expect(text).toContain('May not be ready to decide: at least one answer is no.');
    expect(section(text, 'How they want to decide', 'Ready to decide?')).toContain(
      'Wants to decide together with the clinician',
    );
    expect(section(text, 'How they want to decide', 'Ready to decide?')).toContain(
      'Others involved: My daughter, Sam',
    );
    expect(text).toContain('Their own view, on their own concerns');
    expect(section(text, "The patient's questions", 'What they read elsewhere')).toContain(
      'How long before it works? • Can I stop early?',
    );
    expect(text).toContain('Demo Clinic');
    expect(pages[0]?.text).toContain('Page 1 of');
    expect(text).toContain('Recorded by Dr Alex Morgan on 20 November 2026');
    expect(text).toContain('Not yet confirmed by the patient');
    expect(text).not.toContain(DRAFT);
  });

  it('marks every page of an undecided record as a draft', async () => {
    const base = recordView();
    const questions = Array.from(
      { length: 30 },
      (_, i) => `Question ${i + 1}: what happens if the cream does not help at all?`,
    ).join('\n');
    const pages = await pagesOf(
      recordView({ record: { answers: { ...base.record.answers, questions } } }),
    );

    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page.text).toContain(DRAFT);
    expect(textOf(pages)).not.toContain('What was decided');
  });

  it('shows "not decided yet" with the next step and its date', async () => {
    const text = textOf(
      await pagesOf(
        decidedWith({
          choice: {
            kind: 'not-yet',
            nextStep: 'Talk it over with her daughter',
            nextStepBy: '2026-12-04',
          },
        }),
      ),
    );

    const decided = section(text, 'What was decided', 'What matters most');
    expect(decided).toContain('Not decided yet');
    expect(decided).toContain('Next step: Talk it over with her daughter');
    expect(decided).toContain('By: 4 December 2026');
  });

  it('lists an amendment with its reason and what changed, and shows the decision as amended', async () => {
    const amendment = choiceAmendment({
      id: 'amend-token-1',
      at: '2026-11-23T09:30:00.000Z',
      by: { id: 'demo-clinician', name: 'Dr Alex Morgan' },
      reason: 'She phoned to say she would rather wait.',
    });
    const text = textOf(await pagesOf(decidedWith({}, [amendment])));

    expect(section(text, 'What was decided', 'Changes after the decision')).toContain(
      'Wait and see',
    );
    const changes = section(text, 'Changes after the decision', 'What matters most');
    expect(changes).toContain('Change 1: 23 November 2026, by Dr Alex Morgan');
    expect(changes).toContain('Why She phoned to say she would rather wait.');
    expect(changes).toContain('The decision Steroid cream → Wait and see');
  });

  it('says a demonstration aid is not for real care, and its numbers are illustrative', async () => {
    const pages = await pagesOf(recordView({ demonstration: true }));

    expect(pages[0]?.text).toContain(
      'Demonstration only: not for real care. Its numbers are made up.',
    );
    expect(textOf(pages)).toContain(
      '30 out of 100 people like you feel better over 6 months; 70 do not. The true number could be between 20 and 40 out of 100. (illustrative number)',
    );
  });

  it("keeps patients' own words intact, and wraps long words and emoji inside the page", async () => {
    const base = recordView();
    // A letter found nowhere else in the record: counted, it survives a page break in the middle.
    const longWord = 'ж'.repeat(300);
    const pages = await pagesOf(
      recordView({
        record: {
          answers: {
            ...base.record.answers,
            worries: `Łódź, Ελλάδα, Привет. ${longWord} 😀👍🏽 and مرحبا`,
          },
        },
      }),
    );
    const text = textOf(pages);

    expect(text).toContain('Łódź, Ελλάδα, Привет');
    expect(text.match(/ж/g)).toHaveLength(300);
    for (const { spans } of pages) {
      for (const span of spans) {
        expect(span.left, span.str).toBeGreaterThanOrEqual(PRINTABLE.left);
        expect(span.right, span.str).toBeLessThanOrEqual(PRINTABLE.right);
      }
    }
  });
});
