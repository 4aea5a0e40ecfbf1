import { rowName } from '#shared/aid/names';
import PDFDocument from 'pdfkit';
import type { AidContent, AidRow, NaturalFrequency, Source } from '#shared/aid/schema';
import { certaintyLevels } from '#shared/aid/words';
import { numberSentence } from '#shared/aid/number-words';
import { cellOf } from '#shared/aid/cells';
import type { RecordView } from '#shared/record/schema';
import type { Amendment, Decision, DecisionChoice } from '#shared/record/decision';
import { currentDecision, decisionFieldLabels } from '#shared/record/decision-rules';
import { NOT_DECIDED } from '#shared/record/decision-limits';
import {
  leaningName,
  patientPriorities,
  questionLines,
  rowsByImportance,
  sureSummary,
  type RowImportance,
} from '#shared/record/summary';
import {
  howToDecideWords,
  ownFitWords,
  ratingLabels,
  SURE_ATTRIBUTION,
  sureQuestions,
} from '#shared/record/rules';
import type { RecordPdfInput, RecordPdfRenderer } from './record-pdf-renderer';

/**
 * The shared decision record as a PDF, for the patient and for the clinic's
 * file. Bundled on its own (build/lambda/record-pdf.mjs) and loaded only when a
 * record is exported (ADR 12), so it reads no file: the fonts come in as bytes.
 * Only type imports reach zod, which keeps it out of this bundle.
 */
export function createRecordPdfRenderer(fonts: {
  regular: Uint8Array;
  bold: Uint8Array;
}): RecordPdfRenderer {
  // Parsing the two fonts is most of a PDF's time (≈60 of 80 ms, measured):
  // the first PDF's parsed fonts serve every later one.
  let sources: FontSources = fonts;
  return async (input) => {
    const { bytes, parsed } = renderRecordPdf(input, sources);
    if (parsed) sources = parsed;
    return bytes;
  };
}

type Doc = PDFKit.PDFDocument;

/** A font's bytes, or the same font as pdfkit parsed it for an earlier PDF (a fontkit font). */
type FontSource = Uint8Array | ParsedFont;
interface ParsedFont {
  layout: unknown;
}
interface FontSources {
  regular: FontSource;
  bold: FontSource;
}

// ─── Page and type ─────────────────────────────────────────────────────────

const A4 = { width: 595.28, height: 841.89 };
/** The top margin leaves room for the draft band; the bottom one for the footer. */
const MARGINS = { top: 68, bottom: 76, left: 60, right: 60 };
const PAGE: PDFKit.PDFDocumentOptions = { size: 'A4', margins: MARGINS };
const LEFT = MARGINS.left;
const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
const LAST_Y = A4.height - MARGINS.bottom;
/** Room for a list's marker: "•", or a number such as "12.". */
const BULLET_WIDTH = 14;
const NUMBER_WIDTH = 20;

const colours = {
  ink: '#1a1a1a',
  muted: '#595959',
  accent: '#1d4e6f',
  rule: '#b9c7d2',
  draft: '#a4161a',
  draftFill: '#fdecec',
  noteFill: '#fff6d9',
  noteRule: '#a87c00',
};

interface Style {
  bold: boolean;
  size: number;
  colour: string;
  /** Extra space between wrapped lines. */
  lineGap: number;
}

const styles = {
  organisation: { bold: false, size: 11, colour: colours.muted, lineGap: 1 },
  title: { bold: true, size: 22, colour: colours.ink, lineGap: 1 },
  aidTitle: { bold: true, size: 15, colour: colours.accent, lineGap: 2 },
  heading: { bold: true, size: 14, colour: colours.accent, lineGap: 2 },
  subheading: { bold: true, size: 11.5, colour: colours.ink, lineGap: 2 },
  choice: { bold: true, size: 13, colour: colours.ink, lineGap: 2 },
  label: { bold: true, size: 10.5, colour: colours.ink, lineGap: 2 },
  body: { bold: false, size: 10.5, colour: colours.ink, lineGap: 2.5 },
  flag: { bold: true, size: 10.5, colour: colours.draft, lineGap: 2.5 },
  small: { bold: false, size: 9, colour: colours.muted, lineGap: 1.5 },
  footer: { bold: false, size: 8.5, colour: colours.muted, lineGap: 1 },
  draft: { bold: true, size: 11, colour: colours.draft, lineGap: 0 },
} satisfies Record<string, Style>;

// ─── Words ─────────────────────────────────────────────────────────────────

const DRAFT_MARK = 'Draft — not yet decided';
const NONE_GIVEN = 'None given';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "20 November 2026"; text that is not a date is printed as it is rather than failing the export. */
function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** A source's date as its author gave it: a year, a month or a day. */
function formatSourceDate(date: string): string {
  if (/^\d{4}$/.test(date)) return date;
  if (/^\d{4}-\d{2}$/.test(date)) {
    const month = new Date(`${date}-01T00:00:00Z`);
    return Number.isNaN(month.getTime()) ? date : monthFormat.format(month);
  }
  return formatDate(date);
}

/** "14 out of 100 people like you … over 10 years; 86 do not.", as every view words it. */
function frequencyWords(number: NaturalFrequency, demonstration: boolean): string {
  return `${numberSentence(number)}${demonstration ? ' (illustrative number)' : ''}`;
}

function optionName(aid: AidContent, optionId: string): string {
  const option = aid.options.find((candidate) => candidate.id === optionId);
  if (!option) return 'An option that is not in this version of the aid';
  return option.name.trim() || 'An unnamed option';
}

function choiceWords(aid: AidContent, choice: DecisionChoice): string {
  return choice.kind === NOT_DECIDED
    ? `Not decided yet (next step: ${choice.nextStep}, by ${formatDate(choice.nextStepBy)})`
    : optionName(aid, choice.optionId);
}

type AmendedField = keyof typeof decisionFieldLabels;

/** One side of an amendment, in words. */
function amendedValueWords(aid: AidContent, field: AmendedField, change: Amendment['before']) {
  if (field === 'choice') return change.choice ? choiceWords(aid, change.choice) : 'Not recorded';
  if (field === 'openQuestions') {
    const questions = change.openQuestions;
    if (!questions) return 'Not recorded';
    return questions.length === 0 ? 'None' : questions.join('; ');
  }
  const text = change[field];
  if (text === undefined) return 'Not recorded';
  return text.trim() === '' ? 'Empty' : `“${text}”`;
}

// ─── Rendering ─────────────────────────────────────────────────────────────

/** Typesets the record; `parsed` is the fonts as parsed for it, for the next PDF. */
function renderRecordPdf(
  { view, generatedAt }: RecordPdfInput,
  fonts: FontSources,
): { bytes: Promise<Uint8Array>; parsed: FontSources | null } {
  const madeAt = new Date(generatedAt);
  const doc = new PDFDocument({
    // The regular font as the default: pdfkit then never loads Helvetica's
    // metrics from disk. Its types only know font names.
    font: fonts.regular as unknown as string,
    // Each page is added by the Pen with PAGE, never with these options (see Pen).
    autoFirstPage: false,
    // Page numbers ("Page X of Y") are written once every page exists.
    bufferPages: true,
    // The record's own words (headings, dates) are English, whatever the aid's language.
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: `Shared decision record: ${view.aid.title}`,
      Author: view.organisationName,
      Subject: `${view.aid.content.question.trim() || view.aid.title} (decision aid version ${view.aid.version})`,
      Creator: 'Decide Together',
      CreationDate: Number.isNaN(madeAt.getTime()) ? new Date() : madeAt,
    },
  });
  const bytes = collectBytes(doc);
  const opened = openFonts(doc, fonts);
  const pen = new Pen(doc, opened.regularName);

  writeHeader(pen, view);
  if (view.aid.demonstration) {
    pen.note('Demonstration only: not for real care. Its numbers are made up.');
  }
  if (view.record.decision) {
    writeDecision(pen, view, view.record.decision);
    writeAmendments(pen, view);
  }
  writePriorities(pen, view);
  writeLeaning(pen, view);
  writeHowToDecide(pen, view);
  writeSure(pen, view);
  writePatientNotes(pen, view);
  const sources = citedSources(view.aid.content, importantRows(view));
  writeOptions(pen, view, sources);
  writeSources(pen, view, sources);
  decoratePages(pen, view, generatedAt);

  doc.end();
  return { bytes, parsed: opened.parsed };
}

/**
 * Registers the fonts and finds what pdfkit made of them, through its
 * internals (pdfkit 0.20): the name it caches the regular font under, and
 * both parsed fonts. Should those internals change, this finds nothing and
 * every PDF is made from the bytes: slower, never wrong.
 */
function openFonts(
  doc: Doc,
  fonts: FontSources,
): { regularName: string; parsed: FontSources | null } {
  const current = () => {
    const font = (doc as unknown as { _font?: { name?: unknown; font?: ParsedFont } })._font;
    const parsed = typeof font?.font?.layout === 'function' ? font.font : undefined;
    return { name: typeof font?.name === 'string' ? font.name : undefined, parsed };
  };
  // The constructor opened the regular font; pdfkit caches it under its
  // PostScript name only. Switching back by a registered name would parse it
  // again at every switch (≈3 ms each).
  const regular = current();
  doc.registerFont('regular', fonts.regular as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('bold', fonts.bold as PDFKit.Mixins.PDFFontSource);
  doc.font('bold');
  const bold = current();
  doc.font(regular.name ?? 'regular');
  return {
    regularName: regular.name ?? 'regular',
    parsed: regular.parsed && bold.parsed ? { regular: regular.parsed, bold: bold.parsed } : null,
  };
}

function collectBytes(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    // A plain Uint8Array of its own, not a Buffer that may share Node's pool.
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}

/**
 * Writes styled text down the page: wrapping, spacing, keeping headings with
 * what follows them, and page breaks. Every page is added with PAGE: pdfkit
 * would otherwise add pages with the document's options, whose `font` makes it
 * parse the regular font again and drop the bold one mid-paragraph.
 */
class Pen {
  constructor(
    readonly doc: Doc,
    /** The name the regular font is switched to by (see openFonts). */
    private readonly regularFont: string,
  ) {
    doc.addPage(PAGE);
  }

  use(style: Style): this {
    this.doc
      .font(style.bold ? 'bold' : this.regularFont)
      .fontSize(style.size)
      .fillColor(style.colour);
    return this;
  }

  /** The height `text` takes in `style`, indented by `indent`. */
  measure(text: string, style: Style, indent = 0): number {
    this.use(style);
    return this.doc.heightOfString(printable(text), {
      width: CONTENT_WIDTH - indent,
      lineGap: style.lineGap,
    });
  }

  lineHeight(style: Style): number {
    this.use(style);
    return this.doc.currentLineHeight(true) + style.lineGap;
  }

  write(
    text: string,
    style: Style,
    options: { indent?: number; inset?: number; after?: number; link?: string } = {},
  ): this {
    const indent = options.indent ?? 0;
    this.use(style);
    this.doc.text(printable(text), LEFT + indent, this.doc.y, {
      width: CONTENT_WIDTH - indent - (options.inset ?? 0),
      lineGap: style.lineGap,
      ...(options.link ? { link: options.link, underline: true } : {}),
    });
    this.space(options.after ?? 0);
    return this;
  }

  space(points: number): this {
    this.doc.y += points;
    return this;
  }

  get atPageTop(): boolean {
    return this.doc.y <= MARGINS.top + 1;
  }

  /** Starts a new page unless `height` still fits on this one (or nothing would fit better). */
  keepRoom(height: number): this {
    if (!this.atPageTop && this.doc.y + height > LAST_Y) this.newPage();
    return this;
  }

  newPage(): this {
    this.doc.addPage(PAGE);
    return this;
  }

  /** A section: a bookmark, the heading and a rule, kept with the first lines below it. */
  heading(text: string): this {
    if (!this.atPageTop) this.space(18);
    this.keepRoom(this.measure(text, styles.heading) + 6 + 4 * this.lineHeight(styles.body));
    this.doc.outline.addItem(printable(text));
    this.write(text, styles.heading, { after: 3 });
    const y = this.doc.y;
    this.doc
      .moveTo(LEFT, y)
      .lineTo(LEFT + CONTENT_WIDTH, y)
      .lineWidth(0.75)
      .strokeColor(colours.rule)
      .stroke();
    return this.space(7);
  }

  subheading(text: string): this {
    if (!this.atPageTop) this.space(8);
    this.keepRoom(this.measure(text, styles.subheading) + 3 * this.lineHeight(styles.body));
    return this.write(text, styles.subheading, { after: 3 });
  }

  paragraph(text: string, style: Style = styles.body, indent = 0): this {
    return this.write(text, style, { indent, after: 4 });
  }

  /** A bold label, kept with the first lines below it. */
  label(text: string): this {
    this.keepRoom(this.lineHeight(styles.label) + 2 * this.lineHeight(styles.body));
    return this.write(text, styles.label, { after: 1 });
  }

  /** A bold label with its text below. */
  field(label: string, text: string): this {
    return this.label(label).paragraph(text);
  }

  list(items: readonly string[]): this {
    for (const item of items) this.item('•', BULLET_WIDTH, item, { after: 3 });
    return this.space(2);
  }

  /**
   * Text after a marker ("•", "1."), its wrapped lines aligned under the text,
   * never the marker alone at the foot of a page.
   */
  item(marker: string, markerWidth: number, text: string, options: { after: number }): this {
    this.keepRoom(Math.min(2 * this.lineHeight(styles.body), this.measure(text, styles.body)));
    const y = this.doc.y;
    this.use(styles.body);
    this.doc.text(marker, LEFT, y, { width: markerWidth, lineBreak: false });
    this.doc.y = y;
    return this.write(text, styles.body, { indent: markerWidth, after: options.after });
  }

  /**
   * Label and value side by side, one row each. A row too tall for a page
   * (only with absurd text) is written label above value instead.
   */
  rows(
    rows: ReadonlyArray<readonly [string, string]>,
    options: { labelWidth: number; labelStyle?: Style; valueStyle?: Style },
  ): this {
    const labelStyle = options.labelStyle ?? styles.body;
    const valueStyle = options.valueStyle ?? styles.label;
    const gap = 12;
    const valueWidth = CONTENT_WIDTH - options.labelWidth - gap;
    for (const [label, value] of rows) {
      this.use(labelStyle);
      const labelHeight = this.doc.heightOfString(printable(label), {
        width: options.labelWidth,
        lineGap: labelStyle.lineGap,
      });
      this.use(valueStyle);
      const valueHeight = this.doc.heightOfString(printable(value), {
        width: valueWidth,
        lineGap: valueStyle.lineGap,
      });
      const height = Math.max(labelHeight, valueHeight);
      if (height > LAST_Y - MARGINS.top) {
        this.write(label, labelStyle).write(value, valueStyle, { after: 5 });
        continue;
      }
      this.keepRoom(height);
      const y = this.doc.y;
      this.use(labelStyle);
      this.doc.text(printable(label), LEFT, y, {
        width: options.labelWidth,
        lineGap: labelStyle.lineGap,
      });
      this.use(valueStyle);
      this.doc.text(printable(value), LEFT + options.labelWidth + gap, y, {
        width: valueWidth,
        lineGap: valueStyle.lineGap,
      });
      this.doc.x = LEFT;
      this.doc.y = y + height + 5;
    }
    return this;
  }

  /** A boxed note that stands out from the text around it. */
  note(text: string): this {
    const padding = 8;
    const height = this.measure(text, styles.label, 2 * padding) + 2 * padding;
    this.space(4).keepRoom(height);
    const y = this.doc.y;
    this.doc
      .roundedRect(LEFT, y, CONTENT_WIDTH, height, 4)
      .lineWidth(1)
      .fillAndStroke(colours.noteFill, colours.noteRule);
    this.doc.y = y + padding;
    this.write(text, styles.label, { indent: padding, inset: padding });
    this.doc.y = y + height;
    return this.space(6);
  }
}

/**
 * Text as the PDF can take it: Windows line ends as one break, and tabs and
 * other control characters (which would print as empty boxes) as spaces.
 */
function printable(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const code = ch.codePointAt(0) ?? 0;
    const control = (code < 0x20 && ch !== '\n') || (code >= 0x7f && code < 0xa0);
    out += control ? ' ' : ch;
  }
  return out;
}

// ─── Sections ──────────────────────────────────────────────────────────────

function writeHeader(pen: Pen, view: RecordView): void {
  const { record, aid } = view;
  pen.write(view.organisationName, styles.organisation, { after: 4 });
  pen.write('Shared decision record', styles.title, { after: 8 });
  pen.write(aid.title, styles.aidTitle, { after: 3 });
  if (aid.content.question.trim() !== '') {
    pen.write(aid.content.question, styles.body, { after: 2 });
  }
  pen.write(`Version ${aid.version}, published ${formatDate(aid.publishedAt)}`, styles.small, {
    after: 12,
  });
  const facts: Array<readonly [string, string]> = [];
  if (record.clinicReference) facts.push(['Clinic reference', record.clinicReference]);
  facts.push(
    ['Created', formatDate(record.createdAt)],
    ['Ready', record.readyAt ? formatDate(record.readyAt) : 'Not yet'],
    ['Decided', record.decision ? formatDate(record.decision.decidedAt) : 'Not yet'],
  );
  pen.rows(facts, { labelWidth: 110, labelStyle: styles.small, valueStyle: styles.body });
}

function writeDecision(pen: Pen, view: RecordView, decision: Decision): void {
  const aid = view.aid.content;
  const current = currentDecision(decision, view.record.amendments);
  pen.heading('What was decided');
  if (current.choice.kind === NOT_DECIDED) {
    pen.write('Not decided yet', styles.choice, { after: 4 });
    pen.paragraph(`Next step: ${current.choice.nextStep}`);
    pen.paragraph(`By: ${formatDate(current.choice.nextStepBy)}`);
  } else {
    pen.write(optionName(aid, current.choice.optionId), styles.choice, { after: 6 });
  }
  pen.field('Notes', current.notes.trim() || NONE_GIVEN);
  pen.label("What we don't know yet");
  if (current.openQuestions.length === 0) pen.paragraph(NONE_GIVEN);
  else pen.list(current.openQuestions);
  pen.field('Follow-up', current.followUp.trim() || NONE_GIVEN);
  pen.field('Who else took part', current.participants.trim() || NONE_GIVEN);
  pen.space(4);
  pen.paragraph(
    `Recorded by ${decision.decidedBy.name} on ${formatDate(decision.decidedAt)}`,
    styles.small,
  );
  writeConfirmation(pen, view);
}

function writeConfirmation(pen: Pen, view: RecordView): void {
  const confirmation = view.record.patientConfirmation;
  if (!confirmation) {
    pen.paragraph('Not yet confirmed by the patient', styles.flag);
    return;
  }
  const how =
    confirmation.how === 'in-consultation' ? 'in the consultation' : 'through their own link';
  pen.paragraph(`Confirmed by the patient on ${formatDate(confirmation.at)}, ${how}`, styles.label);
  if (confirmation.comment.trim() !== '') {
    pen.paragraph(`Their comment: “${confirmation.comment.trim()}”`);
  }
  // A confirmation covers the decision as it stood then, not changes made after it.
  const unseen = view.record.amendments.length - confirmation.amendmentsSeen;
  if (unseen > 0) {
    pen.paragraph(
      unseen === 1
        ? 'The last change below was made after the patient confirmed.'
        : `The last ${unseen} changes below were made after the patient confirmed.`,
      styles.flag,
    );
  }
}

function writeAmendments(pen: Pen, view: RecordView): void {
  const { amendments } = view.record;
  if (amendments.length === 0) return;
  pen.heading('Changes after the decision');
  amendments.forEach((amendment, index) => {
    pen.subheading(`Change ${index + 1}: ${formatDate(amendment.at)}, by ${amendment.by.name}`);
    pen.field('Why', amendment.reason.trim() || NONE_GIVEN);
    for (const field of Object.keys(decisionFieldLabels) as AmendedField[]) {
      if (amendment.after[field] === undefined) continue;
      const before = amendedValueWords(view.aid.content, field, amendment.before);
      const after = amendedValueWords(view.aid.content, field, amendment.after);
      pen.field(decisionFieldLabels[field], `${before} → ${after}`);
    }
  });
}

function writePriorities(pen: Pen, view: RecordView): void {
  pen.heading('What matters most to the patient');
  const priorities = patientPriorities(view.aid.content, view.record.answers);
  if (priorities.length === 0) {
    pen.paragraph(NONE_GIVEN);
    return;
  }
  const rows = priorities.map((priority, index) => {
    const note =
      priority.kind === 'own'
        ? ' (in their own words)'
        : priority.marked
          ? ' (marked while reading the options)'
          : '';
    const words = ratingLabels[priority.rating] ?? `Rated ${priority.rating}`;
    return [`${index + 1}. ${priority.label}${note}`, words] as const;
  });
  pen.rows(rows, { labelWidth: CONTENT_WIDTH * 0.62 });
}

function writeLeaning(pen: Pen, view: RecordView): void {
  pen.heading('Leaning');
  pen.paragraph(leaningName(view.aid.content, view.record.answers.leaning) ?? 'Not given');
}

/** How the patient wants to decide, and their own view of the options on their own concerns. */
function writeHowToDecide(pen: Pen, view: RecordView): void {
  const { howToDecide, ownConcerns, concernFits } = view.record.answers;
  const { options } = view.aid.content;
  const judged = ownConcerns.flatMap((concern) => {
    const byOption = Object.hasOwn(concernFits, concern.id) ? concernFits[concern.id]! : {};
    return options.flatMap((option) => {
      const judgement = Object.hasOwn(byOption, option.id) ? byOption[option.id] : undefined;
      return judgement
        ? [[`${concern.text}: ${option.name}`, ownFitWords[judgement]] as const]
        : [];
    });
  });
  if (judged.length > 0) {
    pen.heading('Their own view, on their own concerns');
    pen.rows(judged, { labelWidth: CONTENT_WIDTH * 0.62 });
  }
  pen.heading('How they want to decide');
  const lines = [
    howToDecide.role ? howToDecideWords.role[howToDecide.role] : null,
    howToDecide.others ? `Others involved: ${howToDecide.others}` : null,
    howToDecide.pressure ? howToDecideWords.pressure[howToDecide.pressure] : null,
    howToDecide.timing ? howToDecideWords.timing[howToDecide.timing] : null,
  ].filter((line): line is string => line !== null);
  if (lines.length === 0) pen.paragraph(NONE_GIVEN);
  else pen.list(lines);
}

function writeSure(pen: Pen, view: RecordView): void {
  pen.heading('Ready to decide? (SURE test)');
  const summary = sureSummary(view.record.answers.sure);
  pen.rows(
    summary.items.map(({ item, answer }) => {
      const words = answer === undefined ? 'Not answered' : answer ? 'Yes' : 'No';
      return [sureQuestions[item], words] as const;
    }),
    { labelWidth: CONTENT_WIDTH * 0.75 },
  );
  if (summary.score !== null) pen.paragraph(`Score: ${summary.score} of 4`, styles.label);
  if (summary.flagText) pen.paragraph(summary.flagText, styles.flag);
  pen.paragraph(SURE_ATTRIBUTION, styles.small);
}

function writePatientNotes(pen: Pen, view: RecordView): void {
  const { worries, questions, readElsewhere } = view.record.answers;
  pen.heading("The patient's worries");
  pen.paragraph(worries.trim() || NONE_GIVEN);

  pen.heading("The patient's questions");
  const lines = questionLines(questions);
  if (lines.length === 0) pen.paragraph(NONE_GIVEN);
  else pen.list(lines);

  pen.heading('What they read elsewhere');
  const note = readElsewhere.note.trim();
  if (note === '' && !readElsewhere.link) pen.paragraph(NONE_GIVEN);
  if (note !== '') pen.paragraph(note);
  // Printed, not linked: the patient's link is theirs to share, not ours to vouch for.
  if (readElsewhere.link) pen.field('Link', readElsewhere.link);
}

/** The rows the patient rated as mattering quite a lot or a lot, or marked, most important first. */
function importantRows(view: RecordView): RowImportance[] {
  return rowsByImportance(view.aid.content, view.record.answers).filter((row) => row.important);
}

interface CitedSource {
  number: number;
  source: Source;
}

/** The sources behind the cells shown, numbered in the order they first appear. */
function citedSources(aid: AidContent, rows: readonly RowImportance[]): Map<string, CitedSource> {
  const byId = new Map(aid.sources.map((source) => [source.id, source]));
  const cited = new Map<string, CitedSource>();
  for (const { row } of rows) {
    for (const option of aid.options) {
      for (const id of cellOf(row, option.id).sourceIds) {
        const source = byId.get(id);
        if (source && !cited.has(id)) cited.set(id, { number: cited.size + 1, source });
      }
    }
  }
  return cited;
}

function writeOptions(pen: Pen, view: RecordView, sources: Map<string, CitedSource>): void {
  pen.heading('The options, on what matters most');
  const rows = importantRows(view);
  if (rows.length === 0) {
    pen.paragraph(
      'The patient did not rate any question as mattering quite a lot or a lot, or mark one while reading.',
    );
    return;
  }
  pen.paragraph(
    'The questions the patient rated as mattering quite a lot or a lot, or marked while reading, most important first.',
    styles.small,
  );
  for (const importance of rows) writeRowOptions(pen, view, importance, sources);
}

function writeRowOptions(
  pen: Pen,
  view: RecordView,
  { row, index, rating, marked }: RowImportance,
  sources: Map<string, CitedSource>,
): void {
  pen.subheading(rowName(row, index, 'question'));
  const why = [
    rating !== undefined ? `The patient's rating: ${ratingLabels[rating] ?? rating}` : null,
    marked ? 'Marked while reading the options' : null,
  ].filter((part) => part !== null);
  if (why.length > 0) pen.paragraph(why.join(' · '), styles.small);
  for (const option of view.aid.content.options) {
    writeCell(pen, view, row, option.id, sources);
  }
}

function writeCell(
  pen: Pen,
  view: RecordView,
  row: AidRow,
  optionId: string,
  sources: Map<string, CitedSource>,
): void {
  const indent = 14;
  const cell = cellOf(row, optionId);
  pen.label(optionName(view.aid.content, optionId));
  pen.paragraph(cell.text.trim() || 'Nothing written for this option.', styles.body, indent);
  for (const number of cell.numbers) {
    pen.paragraph(frequencyWords(number, view.aid.demonstration), styles.body, indent);
  }
  if (cell.certainty)
    pen.paragraph(`Certainty: ${certaintyLevels[cell.certainty]}`, styles.small, indent);
  const numbers = cell.sourceIds.flatMap((id) => sources.get(id)?.number ?? []);
  if (numbers.length > 0) {
    pen.paragraph(
      `${numbers.length === 1 ? 'Source' : 'Sources'}: ${numbers.join(', ')}`,
      styles.small,
      indent,
    );
  }
  pen.space(3);
}

function writeSources(pen: Pen, view: RecordView, sources: Map<string, CitedSource>): void {
  pen.heading('Sources');
  if (sources.size === 0) pen.paragraph('No sources are cited for the questions above.');
  for (const { number, source } of sources.values()) {
    const citation = source.citation.trim() || 'A source without a citation';
    pen.item(`${number}.`, NUMBER_WIDTH, citation, { after: 1 });
    const details = [
      source.date ? formatSourceDate(source.date) : null,
      source.doi ? `DOI ${source.doi}` : null,
      source.pmid ? `PMID ${source.pmid}` : null,
    ].filter((part) => part !== null);
    if (details.length > 0) {
      pen.write(details.join(' · '), styles.small, { indent: NUMBER_WIDTH, after: 1 });
    }
    // A click opens the link: only a web address gets one (the aid's schema asks for one too).
    if (source.url) {
      pen.write(source.url, styles.small, {
        indent: NUMBER_WIDTH,
        after: 1,
        ...(/^https?:\/\//.test(source.url) ? { link: source.url } : {}),
      });
    }
    pen.space(5);
  }
  if (view.aid.content.evidenceReviewedOn) {
    pen.paragraph(
      `Evidence last reviewed ${formatDate(view.aid.content.evidenceReviewedOn)}`,
      styles.label,
    );
  }
}

// ─── Every page ────────────────────────────────────────────────────────────

/** The draft band and the footer, written once the number of pages is known. */
function decoratePages(pen: Pen, view: RecordView, generatedAt: string): void {
  const { start, count } = pen.doc.bufferedPageRange();
  for (let page = 0; page < count; page++) {
    pen.doc.switchToPage(start + page);
    if (view.record.decision === null) drawDraftBand(pen);
    drawFooter(pen, [
      footerTitle(
        pen,
        view.organisationName,
        ` · Shared decision record · Page ${page + 1} of ${count}`,
      ),
      `Made on ${formatDate(generatedAt)}`,
    ]);
  }
}

function drawDraftBand(pen: Pen): void {
  const top = 24;
  const height = 26;
  pen.doc
    .rect(LEFT, top, CONTENT_WIDTH, height)
    .lineWidth(1.25)
    .fillAndStroke(colours.draftFill, colours.draft);
  pen.use(styles.draft);
  const textHeight = pen.doc.currentLineHeight();
  pen.doc.text(DRAFT_MARK, LEFT, top + (height - textHeight) / 2, {
    width: CONTENT_WIDTH,
    align: 'center',
    lineBreak: false,
  });
}

/**
 * The footer's first line on one line: a very long organisation name is
 * shortened, never the page number after it.
 */
function footerTitle(pen: Pen, organisation: string, rest: string): string {
  pen.use(styles.footer);
  const fits = (text: string) => pen.doc.widthOfString(text) <= CONTENT_WIDTH;
  const name = printable(organisation).replace(/\s+/g, ' ').trim();
  if (fits(name + rest)) return name + rest;
  // The longest start of the name that fits, by code point so no emoji is cut in half.
  const characters = Array.from(name);
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(`${characters.slice(0, middle).join('')}…${rest}`)) low = middle;
    else high = middle - 1;
  }
  return `${characters.slice(0, low).join('').trimEnd()}…${rest}`;
}

/**
 * Written below the bottom margin: each line is given its height, so pdfkit
 * clips it (with an ellipsis) instead of starting a new page.
 */
function drawFooter(pen: Pen, lines: readonly string[]): void {
  const top = A4.height - MARGINS.bottom + 20;
  pen.doc
    .moveTo(LEFT, top - 6)
    .lineTo(LEFT + CONTENT_WIDTH, top - 6)
    .lineWidth(0.5)
    .strokeColor(colours.rule)
    .stroke();
  pen.use(styles.footer);
  const height = pen.doc.currentLineHeight(true) + styles.footer.lineGap;
  lines.forEach((line, index) => {
    pen.doc.text(printable(line), LEFT, top + index * height, {
      width: CONTENT_WIDTH,
      height,
      ellipsis: true,
      align: 'center',
      lineGap: styles.footer.lineGap,
    });
  });
}
