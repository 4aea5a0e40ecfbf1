import type {
  AidContent,
  AidOption,
  AidRow,
  Cell,
  NaturalFrequency,
  RowKind,
  TestTopic,
} from '../aid/schema';
import { cellOf, isBlank } from '../aid/cells';
import { listOf, optionName, quotedRowName } from '../aid/names';
import { MAX_ICONS } from '../aid/number-words';
import { timeFrameText } from '../aid/time-frames';
import { ATTESTATION_STEPS } from '../aid/words';
import { toPointer } from '../pointer';
import { patientTexts } from './patient-texts';
import { measureAid } from './readability';
import type { AidReadability, CriterionLevel, CriterionResult } from './results';
import { rowNumbers, type RowNumbers } from './row-numbers';
import { chanceOf, findNumbers } from './text-numbers';

/**
 * The IPDAS minimum standards (Joseph-Williams et al., Med Decis Making 2014) that software can
 * check from an aid's structured content. Qualifying and most certification criteria block
 * publishing; quality criteria are advice.
 */

/** The required criteria that are missing: publishing is allowed when this is empty. */
export function publishBlockers(results: readonly CriterionResult[]): CriterionResult[] {
  return results.filter((result) => result.requiredToPublish && result.status === 'missing');
}

/**
 * `today` (YYYY-MM-DD) dates the checks that depend on it: a review-by date
 * that has passed, an evidence date in the future.
 */
export function checkIpdas(
  aid: AidContent,
  options: { today?: string; readability?: AidReadability } = {},
): CriterionResult[] {
  const numbers = numberedCells(aid);
  const rows = rowNumbers(aid);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return [
    describesCondition(aid),
    fieldsGiven(aid, fieldsCriteria.Q2),
    describesOptions(aid),
    featuresOfEachOption(aid, 'benefit'),
    featuresOfEachOption(aid, 'harm'),
    substanceOfFeatures(aid, 'benefit'),
    substanceOfFeatures(aid, 'harm'),
    livingWithConsequences(aid),
    includesNoActionOption(aid),
    equalDetail(aid),
    noVerdict(aid),
    citesEvidence(aid, numbers),
    fieldsGiven(aid, fieldsCriteria.C3),
    fieldsGiven(aid, fieldsCriteria.C4),
    datesMakeSense(aid, today),
    reviewNotDue(aid, today),
    uncertaintyAroundNumbers(aid, numbers),
    perNumber(aid, numbers, perNumberCriteria['C5-outcome']),
    fieldsGiven(aid, fieldsCriteria.C6),
    ...testCriteria.map((criterion) => testTopicAnswered(aid, criterion)),
    naturalCourseWithoutAction(aid),
    probabilitiesGiven(aid, numbers),
    perNumber(aid, numbers, perNumberCriteria.B4),
    eventRatesGiven(numbers),
    sameTimePeriod(aid, rows),
    sameDenominator(aid, rows),
    perNumber(aid, numbers, perNumberCriteria.B8),
    ...ATTESTATION_STEPS.map((step) => developmentStepAttested(aid, step)),
    fieldsGiven(aid, fieldsCriteria.B18),
    evidenceQualityRated(aid),
    authorCredentials(aid),
    readabilityReported(options.readability ?? measureAid(aid)),
    falseResultsExplained(aid),
  ];
}

// ---------- How results are built ----------

interface Criterion {
  id: string;
  level: CriterionLevel;
  title: string;
  requiredToPublish: boolean;
  presenceOnly?: true;
}

/**
 * A criterion in one line. Quality criteria are advice; qualifying and certification ones block
 * publishing unless declared `advice`. `presenceOnly`: software can see the thing is given but
 * cannot judge it, so the editor says "given" rather than "met".
 */
function ipdasCriterion(
  id: string,
  level: CriterionLevel,
  title: string,
  ...marks: ('advice' | 'presenceOnly')[]
): Criterion {
  return {
    id,
    level,
    title,
    requiredToPublish: level !== 'quality' && !marks.includes('advice'),
    ...(marks.includes('presenceOnly') ? { presenceOnly: true as const } : {}),
  };
}

/** One thing to fix: a sentence naming what is wrong, and where. */
interface Finding {
  message: string;
  pointer: string;
}

/** A long list of problems would bury the first one; the pointer leads to it anyway. */
const findingsShown = 3;

function judge(
  criterion: Criterion,
  findings: readonly Finding[],
  metExplanation: string,
  howToFix: string,
): CriterionResult {
  const [first] = findings;
  if (!first) return { ...criterion, status: 'met', explanation: metExplanation };
  const shown = findings.slice(0, findingsShown).map((finding) => finding.message);
  const hidden = findings.length - shown.length;
  if (hidden > 0)
    shown.push(`There ${hidden === 1 ? 'is 1 more' : `are ${hidden} more`} like this.`);
  return {
    ...criterion,
    status: 'missing',
    explanation: [...shown, howToFix].filter((sentence) => sentence !== '').join(' '),
    pointer: first.pointer,
  };
}

function notApplicable(criterion: Criterion, explanation: string): CriterionResult {
  return { ...criterion, requiredToPublish: false, status: 'not-applicable', explanation };
}

// ---------- Naming things the way the author sees them ----------

function optionNameAt(aid: AidContent, optionIndex: number): string {
  return optionName(aid.options[optionIndex], optionIndex);
}

function rowNameAt(aid: AidContent, rowIndex: number): string {
  return quotedRowName(aid.rows[rowIndex], rowIndex, 'question');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

function cellPointer(rowIndex: number, optionId: string, ...rest: (string | number)[]): string {
  return toPointer(['rows', rowIndex, 'cells', optionId, ...rest]);
}

interface NumberedCell {
  rowIndex: number;
  optionIndex: number;
  option: AidOption;
  cell: Cell;
  numberIndex: number;
  number: NaturalFrequency;
}

/** Every structured number in the grid, row by row, in the order of the options. */
function numberedCells(aid: AidContent): NumberedCell[] {
  return aid.rows.flatMap((row, rowIndex) =>
    aid.options.flatMap((option, optionIndex) => {
      const cell = cellOf(row, option.id);
      return cell.numbers.map((number, numberIndex) => ({
        rowIndex,
        optionIndex,
        option,
        cell,
        numberIndex,
        number,
      }));
    }),
  );
}

function numberPointer(
  at: { rowIndex: number; optionId: string; numberIndex: number },
  field?: string,
): string {
  return toPointer([
    'rows',
    at.rowIndex,
    'cells',
    at.optionId,
    'numbers',
    at.numberIndex,
    ...(field ? [field] : []),
  ]);
}

/** "The number for X on Y", or "The second number for …" when a cell has several. */
function theNumber(
  aid: AidContent,
  at: { rowIndex: number; optionIndex: number; numberIndex: number },
): string {
  const ordinal = ['', 'second ', 'third ', 'fourth '][at.numberIndex] ?? '';
  return `The ${ordinal}number for ${where(aid, at)}`;
}

const atNumber = (at: NumberedCell) => ({ ...at, optionId: at.option.id });

function where(aid: AidContent, at: { rowIndex: number; optionIndex: number }): string {
  return `${optionNameAt(aid, at.optionIndex)} on ${rowNameAt(aid, at.rowIndex)}`;
}

function rowIndexesOf(aid: AidContent, matches: (row: AidRow) => boolean): number[] {
  return aid.rows.flatMap((row, rowIndex) => (matches(row) ? [rowIndex] : []));
}

/** Options with no written answer on any of the given rows, each pointing at its first empty cell. */
function optionsWithoutAnswers(aid: AidContent, rowIndexes: readonly number[]) {
  return aid.options.flatMap((option, optionIndex) => {
    const answered = rowIndexes.some((rowIndex) => {
      const row = aid.rows[rowIndex];
      return row !== undefined && !isBlank(cellOf(row, option.id).text);
    });
    if (answered) return [];
    const [firstRow] = rowIndexes;
    const pointer = firstRow === undefined ? '/rows' : cellPointer(firstRow, option.id, 'text');
    return [{ name: optionNameAt(aid, optionIndex), pointer }];
  });
}

/** The aid's fields that hold one text or date. */
type TextField = {
  [Field in keyof AidContent]-?: AidContent[Field] extends string | undefined ? Field : never;
}[keyof AidContent];

/** A finding for each of the aid's own texts (or dates) left empty, saying what is missing. */
function emptyFields(aid: AidContent, missing: Partial<Record<TextField, string>>): Finding[] {
  return Object.entries(missing).flatMap(([field, message]) =>
    isBlank(aid[field as TextField]) ? [{ message, pointer: toPointer([field]) }] : [],
  );
}

/** A presence-only criterion, met when the aid fills in each of the texts (or dates) it names. */
interface FieldsCriterion {
  criterion: Criterion;
  /** What each field's finding says when it is empty. */
  missing: Partial<Record<TextField, string>>;
  met: (aid: AidContent) => string;
  fix: string;
}

const fieldsCriteria: Record<'Q2' | 'C3' | 'C4' | 'C6' | 'B18', FieldsCriterion> = {
  Q2: {
    criterion: ipdasCriterion('Q2', 'qualifying', 'States the decision', 'presenceOnly'),
    missing: { question: 'The decision is not stated.' },
    met: () => 'The decision is stated as a question.',
    fix: 'Write the decision as a question, such as “Should I have knee surgery?”.',
  },
  C3: {
    criterion: ipdasCriterion('C3', 'certification', 'Dates the evidence', 'presenceOnly'),
    missing: { evidenceReviewedOn: 'There is no date for when the evidence was reviewed.' },
    met: (aid) =>
      `The evidence was reviewed on ${aid.evidenceReviewedOn ?? ''}; the publication date is added when you publish.`,
    fix: 'Add the date the evidence was last reviewed, so readers know how current it is.',
  },
  C4: {
    criterion: ipdasCriterion(
      'C4',
      'certification',
      'Says when it will be updated',
      'presenceOnly',
    ),
    missing: {
      reviewBy: 'There is no review-by date.',
      updatePolicy: 'The aid does not say how it will be kept up to date.',
    },
    met: (aid) => `The aid will be reviewed by ${aid.reviewBy ?? ''}.`,
    fix: 'Give the date by which the aid will be reviewed, and say how it will be updated when new evidence appears.',
  },
  C6: {
    criterion: ipdasCriterion(
      'C6',
      'certification',
      'Discloses funding and conflicts of interest',
      'presenceOnly',
    ),
    missing: {
      funding: 'The aid does not say who paid for it.',
      conflictsOfInterest: 'The conflicts of interest are not stated.',
    },
    met: () => 'Funding and conflicts of interest are given.',
    fix: 'Say who funded the aid and list the authors’ conflicts of interest; “None” is a fine answer when there are none.',
  },
  B18: {
    criterion: ipdasCriterion('B18', 'quality', 'Says how the evidence was chosen', 'presenceOnly'),
    missing: { evidenceMethods: 'The aid does not say how the evidence was found and chosen.' },
    met: () => 'The aid says how the evidence was found and chosen.',
    fix: 'Describe where you searched and how you chose the studies.',
  },
};

function fieldsGiven(
  aid: AidContent,
  { criterion, missing, met, fix }: FieldsCriterion,
): CriterionResult {
  return judge(criterion, emptyFields(aid, missing), met(aid), fix);
}

// ---------- Qualifying criteria ----------

/** Fewer words than this name a condition ("x", "knee") but do not describe it. */
const conditionWords = 2;

function describesCondition(aid: AidContent): CriterionResult {
  const findings: Finding[] = isBlank(aid.condition)
    ? [{ message: 'The health condition is not described.', pointer: '/condition' }]
    : wordCount(aid.condition) < conditionWords || aid.condition.trim().length < 8
      ? [
          {
            message: `“${aid.condition.trim()}” names the condition but does not describe it.`,
            pointer: '/condition',
          },
        ]
      : [];
  return judge(
    ipdasCriterion('Q1', 'qualifying', 'Describes the health condition', 'presenceOnly'),
    findings,
    'A description of the health condition is given (software cannot judge whether it is right).',
    'Say in plain words what the condition or problem is, such as “Wear-and-tear arthritis of the knee”.',
  );
}

function describesOptions(aid: AidContent): CriterionResult {
  const findings: Finding[] = [];
  if (aid.options.length < 2) {
    findings.push({ message: 'There are fewer than two options.', pointer: '/options' });
  }
  aid.options.forEach((option, optionIndex) => {
    if (isBlank(option.name)) {
      findings.push({
        message: `Option ${optionIndex + 1} has no name.`,
        pointer: toPointer(['options', optionIndex, 'name']),
      });
    }
    if (isBlank(option.description)) {
      findings.push({
        message: `${optionNameAt(aid, optionIndex)} has no description.`,
        pointer: toPointer(['options', optionIndex, 'description']),
      });
    }
  });
  return judge(
    ipdasCriterion('Q3', 'qualifying', 'Describes the options', 'presenceOnly'),
    findings,
    `All ${aid.options.length} options have a name and a description.`,
    'Give every option a name and a short description.',
  );
}

const featureWords: Record<'benefit' | 'harm', { criterion: Criterion; plural: string }> = {
  benefit: {
    criterion: ipdasCriterion('Q4', 'qualifying', 'Gives the benefits of each option'),
    plural: 'benefits',
  },
  harm: {
    criterion: ipdasCriterion('Q5', 'qualifying', 'Gives the harms of each option'),
    plural: 'harms',
  },
};

/** What a criterion met when every option answers one of its questions says, found or not. */
interface EveryOptionWords {
  /** The finding when the aid has none of the questions. */
  noQuestion: string;
  /** The finding naming the options with no answer (`one`: a single option). */
  unanswered: (options: string, one: boolean) => string;
  met: string;
  /** The fix when the aid has none of the questions, and when some options leave them blank. */
  addQuestion: string;
  answerQuestion: string;
}

/** Met when every option answers at least one of these rows; the finding points at the first gap. */
function everyOptionAnswers(
  aid: AidContent,
  criterion: Criterion,
  rowIndexes: readonly number[],
  words: EveryOptionWords,
): CriterionResult {
  const lacking = optionsWithoutAnswers(aid, rowIndexes);
  const [first] = lacking;
  const noQuestion = rowIndexes.length === 0;
  const findings: Finding[] = first
    ? [
        {
          message: noQuestion
            ? words.noQuestion
            : words.unanswered(listOf(lacking.map((option) => option.name)), lacking.length === 1),
          pointer: first.pointer,
        },
      ]
    : [];
  return judge(
    criterion,
    findings,
    words.met,
    noQuestion ? words.addQuestion : words.answerQuestion,
  );
}

function featuresOfEachOption(aid: AidContent, kind: 'benefit' | 'harm'): CriterionResult {
  const { criterion, plural } = featureWords[kind];
  return everyOptionAnswers(
    aid,
    criterion,
    rowIndexesOf(aid, (row) => row.kind === kind),
    {
      noQuestion: `No question is about ${plural}, so no option has its ${plural} written.`,
      unanswered: (options, one) => `${options} ${one ? 'has' : 'have'} no ${plural} written.`,
      met: `Every option has its ${plural} written.`,
      addQuestion: `Add a question of the kind “${kind}” and answer it for every option.`,
      answerQuestion: `Answer a ${kind} question for every option.`,
    },
  );
}

/** Answers that fill a cell without saying anything: "None.", "N/A", "-", "TBC". */
const blankLike =
  /^(?:none|nil|nothing|no|n\/?a|not\s+applicable|tbc|tbd|to\s+follow|unknown|-+|—|–|\.+|\?+|x)[.!]?$/i;

const substanceWords: Record<'benefit' | 'harm', { id: string; title: string; fix: string }> = {
  benefit: {
    id: 'Q4-substance',
    title: 'Says what each benefit is, not just “none”',
    fix: 'Say what the option offers on this question, or, if it offers nothing, say so in a sentence (“Taking no tablet does not lower the chance of a heart attack.”).',
  },
  harm: {
    id: 'Q5-substance',
    title: 'Says what each harm is, not just “none”',
    fix: 'Say what the harm or risk is, or, if there truly is none, say so in a sentence with its source (“No study found more headaches with it than without.”).',
  },
};

/** A benefit or harm cell of "None." or "N/A" is answered in form only. */
function substanceOfFeatures(aid: AidContent, kind: 'benefit' | 'harm'): CriterionResult {
  const { id, title, fix } = substanceWords[kind];
  const findings: Finding[] = rowIndexesOf(aid, (row) => row.kind === kind).flatMap((rowIndex) =>
    aid.options.flatMap((option, optionIndex) => {
      const text = cellOf(aid.rows[rowIndex]!, option.id).text.trim();
      return text !== '' && blankLike.test(text)
        ? [
            {
              message: `${where(aid, { rowIndex, optionIndex })} says only “${text}”.`,
              pointer: cellPointer(rowIndex, option.id, 'text'),
            },
          ]
        : [];
    }),
  );
  return judge(
    ipdasCriterion(id, 'quality', title),
    findings,
    `No ${kind} answer is only “none” or “N/A”.`,
    fix,
  );
}

/** Wording that tells the patient what to choose. */
const directiveWording =
  /\b(?:we\s+(?:strongly\s+)?(?:recommend|advise|suggest)|(?:is|are)\s+(?:strongly\s+)?recommended|(?:strongly\s+)?recommended\s+(?:by|for)|you\s+(?:should|must|ought\s+to|need\s+to\s+(?:choose|take|have))|the\s+(?:best|right|wisest|safest)\s+(?:choice|option|decision|treatment)|(?:best|right)\s+for\s+(?:you|everyone|most\s+people))\b/i;

/** A decision aid informs a choice: it never makes it (IPDAS: balanced, non-directive). */
function noVerdict(aid: AidContent): CriterionResult {
  const findings: Finding[] = patientTexts(aid).flatMap(({ path, label, text }) => {
    const match = directiveWording.exec(text);
    return match ? [{ message: `${label} says “${match[0]}”.`, pointer: toPointer(path) }] : [];
  });
  return judge(
    ipdasCriterion('C1-neutral', 'certification', 'Leaves the choice to the patient'),
    findings,
    'No text tells the patient what to choose.',
    'Describe what each option offers and let the patient weigh it; keep advice for the consultation.',
  );
}

const consequenceKinds: readonly RowKind[] = ['physical', 'psychological', 'social'];

function livingWithConsequences(aid: AidContent): CriterionResult {
  return everyOptionAnswers(
    aid,
    ipdasCriterion('Q6', 'qualifying', 'Describes what living with each option is like'),
    rowIndexesOf(aid, (row) => consequenceKinds.includes(row.kind)),
    {
      noQuestion: 'No question is about what living with each option is like.',
      unanswered: (options, one) =>
        `${options} ${one ? 'does' : 'do'} not say what living with it is like.`,
      met: 'Every option says what living with it is like.',
      addQuestion:
        'Add a question about physical, emotional or social effects and answer it for every option.',
      answerQuestion: 'Answer a physical, emotional or social question for every option.',
    },
  );
}

function includesNoActionOption(aid: AidContent): CriterionResult {
  const noActionIndex = aid.options.findIndex((option) => option.isNoAction);
  return judge(
    ipdasCriterion('Q3-no-action', 'quality', 'Includes an option of waiting or taking no action'),
    noActionIndex === -1
      ? [{ message: 'No option is about waiting or taking no action.', pointer: '/options' }]
      : [],
    `${optionNameAt(aid, noActionIndex)} is the option of taking no action.`,
    'Where it is reasonable, add one (such as “Wait and review”) and mark it as taking no action.',
  );
}

// ---------- Certification criteria ----------

interface SideOfOption {
  words: number;
  hasNumbers: boolean;
  firstRowIndex: number | undefined;
}

function sideOf(aid: AidContent, option: AidOption, kind: 'benefit' | 'harm'): SideOfOption {
  const rowIndexes = rowIndexesOf(aid, (row) => row.kind === kind);
  const cells = rowIndexes.flatMap((rowIndex) => {
    const row = aid.rows[rowIndex];
    return row ? [cellOf(row, option.id)] : [];
  });
  return {
    words: cells.reduce((total, cell) => total + wordCount(cell.text), 0),
    hasNumbers: cells.some((cell) => cell.numbers.length > 0),
    firstRowIndex: rowIndexes[0],
  };
}

/** Short answers cannot be weighed against each other: a 3-word and an 8-word answer are both brief. */
const briefAnswerWords = 10;

function equalDetail(aid: AidContent): CriterionResult {
  const findings: Finding[] = [];
  aid.options.forEach((option, optionIndex) => {
    const name = optionNameAt(aid, optionIndex);
    const benefits = sideOf(aid, option, 'benefit');
    const harms = sideOf(aid, option, 'harm');
    const pointerTo = (side: SideOfOption, field: 'text' | 'numbers') =>
      side.firstRowIndex === undefined
        ? '/rows'
        : cellPointer(side.firstRowIndex, option.id, field);
    const bothBrief = benefits.words < briefAnswerWords && harms.words < briefAnswerWords;
    if (!bothBrief && benefits.words > 2 * harms.words) {
      findings.push({
        message: `${name} has ${benefits.words} words on benefits but ${harms.words} on harms.`,
        pointer: pointerTo(harms, 'text'),
      });
    } else if (!bothBrief && harms.words > 2 * benefits.words) {
      findings.push({
        message: `${name} has ${harms.words} words on harms but ${benefits.words} on benefits.`,
        pointer: pointerTo(benefits, 'text'),
      });
    }
    if (benefits.hasNumbers && !harms.hasNumbers) {
      findings.push({
        message: `${name} gives numbers for its benefits but not for its harms.`,
        pointer: pointerTo(harms, 'numbers'),
      });
    } else if (harms.hasNumbers && !benefits.hasNumbers) {
      findings.push({
        message: `${name} gives numbers for its harms but not for its benefits.`,
        pointer: pointerTo(benefits, 'numbers'),
      });
    }
  });
  return judge(
    ipdasCriterion('C1', 'certification', 'Gives benefits and harms equal detail', 'advice'),
    findings,
    'Benefits and harms are given in similar detail.',
    'Give benefits and harms a similar amount of detail, and numbers for both or for neither, so neither side looks more important.',
  );
}

function citesEvidence(aid: AidContent, numbers: readonly NumberedCell[]): CriterionResult {
  const listed = new Set(aid.sources.map((source) => source.id));
  const findings: Finding[] = [];
  if (aid.sources.length === 0) {
    findings.push({ message: 'No source is listed.', pointer: '/sources' });
  }
  const cited = new Set<string>();
  for (const at of numbers) {
    const key = `${at.rowIndex}/${at.option.id}`;
    if (cited.has(key)) continue;
    cited.add(key);
    const pointer = cellPointer(at.rowIndex, at.option.id, 'sourceIds');
    if (at.cell.sourceIds.length === 0) {
      findings.push({ message: `${theNumber(aid, at)} cites no source.`, pointer });
    } else if (at.cell.sourceIds.some((sourceId) => !listed.has(sourceId))) {
      findings.push({
        message: `${theNumber(aid, at)} cites a source that is not in the list of sources.`,
        pointer,
      });
    }
  }
  // Numbers written in an answer's words need their source as much as structured ones.
  aid.rows.forEach((row, rowIndex) =>
    aid.options.forEach((option, optionIndex) => {
      const cell = cellOf(row, option.id);
      if (cited.has(`${rowIndex}/${option.id}`) || cell.sourceIds.length > 0) return;
      const written = findNumbers(cell.text).find((f) => chanceOf(f.number) !== undefined);
      if (written) {
        findings.push({
          message: `${where(aid, { rowIndex, optionIndex })} says “${written.excerpt}” but cites no source.`,
          pointer: cellPointer(rowIndex, option.id, 'sourceIds'),
        });
      }
    }),
  );
  return judge(
    ipdasCriterion('C2', 'certification', 'Cites the evidence', 'presenceOnly'),
    findings,
    numbers.length === 0
      ? `${aid.sources.length} ${aid.sources.length === 1 ? 'source is' : 'sources are'} listed, and no answer gives a number without one.`
      : 'Every number, in the grid or in the words, cites a source (software cannot judge the source).',
    'List the studies or reviews the aid draws on, and cite the one each number comes from.',
  );
}

/** Evidence is reviewed at least this often: a review-by date further off lets it go stale. */
const REVIEW_WITHIN_YEARS = 3;

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

function datesMakeSense(aid: AidContent, today: string): CriterionResult {
  const findings: Finding[] = [];
  const reviewed = aid.evidenceReviewedOn;
  if (reviewed && reviewed > today) {
    findings.push({
      message: `The evidence review date, ${reviewed}, is in the future.`,
      pointer: '/evidenceReviewedOn',
    });
  }
  if (reviewed && aid.reviewBy && aid.reviewBy > addYears(reviewed, REVIEW_WITHIN_YEARS)) {
    findings.push({
      message: `The review-by date, ${aid.reviewBy}, is more than ${REVIEW_WITHIN_YEARS} years after the evidence was reviewed (${reviewed}).`,
      pointer: '/reviewBy',
    });
  }
  return judge(
    ipdasCriterion('C3-C4-dates', 'quality', 'Gives dates that make sense'),
    findings,
    reviewed && aid.reviewBy
      ? `The evidence was reviewed in the past, and will be again within ${REVIEW_WITHIN_YEARS} years.`
      : 'No dates to compare yet.',
    `Give the date the evidence was really reviewed, and a review-by date within ${REVIEW_WITHIN_YEARS} years of it.`,
  );
}

/** Once the review-by date has passed, the authors are told: the evidence may be out of date. */
function reviewNotDue(aid: AidContent, today: string): CriterionResult {
  const criterion = ipdasCriterion('C4-due', 'quality', 'Is within its review-by date');
  if (!aid.reviewBy) return notApplicable(criterion, 'There is no review-by date yet.');
  return judge(
    criterion,
    aid.reviewBy < today
      ? [
          {
            message: `The review-by date, ${aid.reviewBy}, has passed: the evidence may be out of date.`,
            pointer: '/reviewBy',
          },
        ]
      : [],
    `The review-by date, ${aid.reviewBy}, has not passed.`,
    'Check the evidence is still current, update the aid, and set a new review-by date. Until then, each new invitation asks you to confirm it is still current.',
  );
}

function uncertaintyAroundNumbers(
  aid: AidContent,
  numbers: readonly NumberedCell[],
): CriterionResult {
  const findings: Finding[] = numbers
    .filter((at) => !at.number.range && !at.cell.certainty)
    .map((at) => ({
      message: `${theNumber(aid, at)} has no range and no certainty.`,
      // Certainty is the quicker fix, and quality criterion B19 asks for it anyway.
      pointer: cellPointer(at.rowIndex, at.option.id, 'certainty'),
    }));
  return judge(
    ipdasCriterion('C5', 'certification', 'Shows uncertainty around numbers'),
    findings,
    numbers.length === 0
      ? 'There are no numbers to qualify.'
      : 'Every number has a range or a certainty.',
    'Give each number a range (such as 8 to 15 in 100) or say how certain the evidence is.',
  );
}

interface TestCriterion extends Criterion {
  topic: TestTopic;
  /** The topic as the editor names it, so the author can find it. */
  topicName: string;
}

/** The test criteria are certification criteria, each asking for one topic of rows. */
function testCriterion(id: string, title: string, topic: TestTopic, topicName: string) {
  return { ...ipdasCriterion(id, 'certification', title), topic, topicName };
}

const testCriteria: readonly TestCriterion[] = [
  testCriterion('C7', 'Says what the test measures', 'what-it-measures', 'What it measures'),
  testCriterion(
    'C8',
    'Says what happens next if the test is positive',
    'if-positive',
    'If positive',
  ),
  testCriterion(
    'C9',
    'Says what happens next if the test is negative',
    'if-negative',
    'If negative',
  ),
  testCriterion(
    'C10',
    'Explains the chance of finding problems that would never cause harm',
    'overdetection',
    'Overdetection',
  ),
];

/** Blank cells on the given rows, option by option. */
function blankCells(aid: AidContent, rowIndexes: readonly number[]): Finding[] {
  return rowIndexes.flatMap((rowIndex) => {
    const row = aid.rows[rowIndex];
    if (!row) return [];
    return aid.options.flatMap((option, optionIndex) =>
      isBlank(cellOf(row, option.id).text)
        ? [
            {
              message: `${where(aid, { rowIndex, optionIndex })} has no answer.`,
              pointer: cellPointer(rowIndex, option.id, 'text'),
            },
          ]
        : [],
    );
  });
}

function testTopicAnswered(aid: AidContent, criterion: TestCriterion): CriterionResult {
  const { topic, topicName, ...head } = criterion;
  if (!aid.aboutTest) return notApplicable(head, 'The aid is not about a test.');
  const rowIndexes = rowIndexesOf(aid, (row) => row.topic === topic);
  const findings: Finding[] =
    rowIndexes.length === 0
      ? [{ message: `No question has the test topic “${topicName}”.`, pointer: '/rows' }]
      : blankCells(aid, rowIndexes);
  return judge(
    head,
    findings,
    `${listOf(rowIndexes.map((rowIndex) => rowNameAt(aid, rowIndex)))} answers this for every option.`,
    rowIndexes.length === 0
      ? 'Add one and answer it for every option.'
      : 'Answer it for every option.',
  );
}

// ---------- Quality criteria ----------

function naturalCourseWithoutAction(aid: AidContent): CriterionResult {
  const noActionIndexes = aid.options.flatMap((option, optionIndex) =>
    option.isNoAction ? [optionIndex] : [],
  );
  const hasAnswers = (optionId: string) =>
    aid.rows.some((row) => !isBlank(cellOf(row, optionId).text));
  const described = noActionIndexes.find((optionIndex) =>
    hasAnswers(aid.options[optionIndex]?.id ?? ''),
  );
  const [firstNoAction] = noActionIndexes;
  const firstNoActionId = firstNoAction === undefined ? undefined : aid.options[firstNoAction]?.id;
  const findings: Finding[] = [];
  if (firstNoAction === undefined || firstNoActionId === undefined) {
    findings.push({
      message: 'No option says what happens without treatment.',
      pointer: '/options',
    });
  } else if (described === undefined) {
    findings.push({
      message: `${optionNameAt(aid, firstNoAction)} has no answers yet.`,
      pointer: aid.rows.length > 0 ? cellPointer(0, firstNoActionId, 'text') : '/rows',
    });
  }
  return judge(
    ipdasCriterion('B1', 'quality', 'Describes what happens with no action'),
    findings,
    `${optionNameAt(aid, described ?? 0)} describes what happens without treatment.`,
    firstNoAction === undefined
      ? 'Where it is reasonable, add an option of waiting or taking no action and describe what usually happens.'
      : 'Describe what usually happens with no treatment, question by question.',
  );
}

function probabilitiesGiven(aid: AidContent, numbers: readonly NumberedCell[]): CriterionResult {
  const [firstOutcomeRow] = rowIndexesOf(
    aid,
    (row) => row.kind === 'benefit' || row.kind === 'harm',
  );
  const [firstOption] = aid.options;
  const pointer =
    firstOutcomeRow === undefined || !firstOption
      ? '/rows'
      : cellPointer(firstOutcomeRow, firstOption.id, 'numbers');
  return judge(
    ipdasCriterion('B3', 'quality', 'Gives the chances of outcomes'),
    numbers.length === 0 ? [{ message: 'No answer gives a number.', pointer }] : [],
    `${numbers.length} ${numbers.length === 1 ? 'answer gives' : 'answers give'} the chance of an outcome.`,
    'Where the evidence allows, give the chance of an outcome as “x in N people”.',
  );
}

const noNumbers = 'There are no numbers in the aid.';

/**
 * A criterion judged number by number: what is wrong with one number (or
 * nothing), and the field that fixes it. It does not apply to an aid without numbers.
 */
interface PerNumberCriterion {
  criterion: Criterion;
  field: 'referenceClass' | 'outcome' | 'denominator';
  /** What is wrong, after "The number for X on Y"; undefined when nothing is. */
  problem: (number: NaturalFrequency) => string | undefined;
  met: string;
  fix: string;
}

const perNumberCriteria: Record<'B4' | 'C5-outcome' | 'B8', PerNumberCriterion> = {
  B4: {
    criterion: ipdasCriterion('B4', 'quality', 'Says who the numbers are about'),
    field: 'referenceClass',
    problem: (n) => (isBlank(n.referenceClass) ? 'does not say who it is about.' : undefined),
    met: 'Every number says who it is about.',
    fix: 'Say who each number is about, such as “people aged 50 to 70 with this condition”.',
  },
  'C5-outcome': {
    criterion: ipdasCriterion('C5-outcome', 'certification', 'Says what happens in each number'),
    field: 'outcome',
    problem: (n) =>
      isBlank(n.outcome) ? 'does not say what happens to the people it counts.' : undefined,
    met: 'Every number says what happens, such as “have a heart attack or stroke”.',
    fix: 'Say what happens to the people each number counts, such as “have a heart attack or stroke”.',
  },
  // The patient view draws a picture of people beside the words, up to MAX_ICONS people.
  B8: {
    criterion: ipdasCriterion('B8', 'quality', 'Shows numbers in more than one way'),
    field: 'denominator',
    problem: (n) =>
      n.denominator > MAX_ICONS
        ? `is out of ${n.denominator.toLocaleString('en-GB')}: a picture of that many people is too dense to read, so patients see it in words only.`
        : undefined,
    met: 'Every number is shown in words and drawn as a picture of people.',
    fix: `Give it out of ${MAX_ICONS.toLocaleString('en-GB')} or fewer so it can be drawn, or keep it in words if a smaller total would hide it.`,
  },
};

function perNumber(
  aid: AidContent,
  numbers: readonly NumberedCell[],
  { criterion, field, problem, met, fix }: PerNumberCriterion,
): CriterionResult {
  if (numbers.length === 0) return notApplicable(criterion, noNumbers);
  const findings = numbers.flatMap((at) => {
    const wrong = problem(at.number);
    return wrong === undefined
      ? []
      : [
          {
            message: `${theNumber(aid, at)} ${wrong}`,
            pointer: numberPointer(atNumber(at), field),
          },
        ];
  });
  return judge(criterion, findings, met, fix);
}

function eventRatesGiven(numbers: readonly NumberedCell[]): CriterionResult {
  const criterion = ipdasCriterion('B5', 'quality', 'Gives numbers as event rates');
  // The editor stores every number as "x in N", so an aid with numbers meets this.
  return numbers.length === 0
    ? notApplicable(criterion, noNumbers)
    : judge(criterion, [], 'Every number is given as “x in N people”.', '');
}

function sameTimePeriod(aid: AidContent, rows: readonly RowNumbers[]): CriterionResult {
  const criterion = ipdasCriterion('B6', 'quality', 'Uses the same time period across options');
  if (rows.every((row) => row.numbers.length === 0)) return notApplicable(criterion, noNumbers);
  const findings: Finding[] = rows.flatMap(({ timeFrame }) => [
    ...(timeFrame?.missing ?? []).map((at) => ({
      message: `${theNumber(aid, at)} has no time period.`,
      pointer: numberPointer(at, 'timeFrame'),
    })),
    ...(timeFrame?.others ?? []).map((at) => ({
      message: `${theNumber(aid, at)} covers ${timeFrameText(at.number.timeFrame)}, unlike most on that row (${timeFrame?.shared ?? ''}).`,
      pointer: numberPointer(at, 'timeFrame'),
    })),
  ]);
  return judge(
    criterion,
    findings,
    'The numbers on each row cover the same time period (12 months counts as 1 year).',
    'Give every number on a row the same time period, such as “10 years”, so options compare fairly.',
  );
}

function sameDenominator(aid: AidContent, rows: readonly RowNumbers[]): CriterionResult {
  const criterion = ipdasCriterion('B7', 'quality', 'Uses the same denominator across options');
  if (rows.every((row) => row.numbers.length === 0)) return notApplicable(criterion, noNumbers);
  return judge(
    criterion,
    rows.flatMap(({ total }) =>
      (total?.others ?? []).map((at) => ({
        message: `${theNumber(aid, at)} is out of ${at.number.denominator}, unlike most on that row (${total?.shared}).`,
        pointer: numberPointer(at, 'denominator'),
      })),
    ),
    'The numbers on each row are out of the same total.',
    'Give every number on a row out of the same total, such as “in 100 people”, so options compare fairly.',
  );
}

function developmentStepAttested(
  aid: AidContent,
  { step, id, title, example }: (typeof ATTESTATION_STEPS)[number],
): CriterionResult {
  const attestation = aid.attestations[step];
  const pointer = toPointer(['attestations', step]);
  const findings: Finding[] = !attestation.done
    ? [{ message: 'Not confirmed by the authors.', pointer }]
    : isBlank(attestation.detail)
      ? [
          {
            message: 'Confirmed, but the aid does not say how it was done.',
            pointer: toPointer(['attestations', step, 'detail']),
          },
        ]
      : [];
  return judge(
    ipdasCriterion(id, 'quality', title, 'presenceOnly'),
    findings,
    `Confirmed by the authors, with how it was done (software cannot check it): “${attestation.detail.trim()}”`,
    `Where it was done, confirm it and say briefly how, such as “${example}”`,
  );
}

function evidenceQualityRated(aid: AidContent): CriterionResult {
  const findings: Finding[] = aid.rows.flatMap((row, rowIndex) =>
    aid.options.flatMap((option, optionIndex) => {
      const cell = cellOf(row, option.id);
      return !isBlank(cell.text) && !cell.certainty
        ? [
            {
              message: `${where(aid, { rowIndex, optionIndex })} does not say how certain the evidence is.`,
              pointer: cellPointer(rowIndex, option.id, 'certainty'),
            },
          ]
        : [];
    }),
  );
  return judge(
    ipdasCriterion('B19', 'quality', 'Rates the quality of the evidence'),
    findings,
    'Every answer says how certain its evidence is.',
    'Rate how certain the evidence is for each answer (“not known” is allowed).',
  );
}

function authorCredentials(aid: AidContent): CriterionResult {
  const findings: Finding[] =
    aid.authors.length === 0
      ? [{ message: 'No authors are listed.', pointer: '/authors' }]
      : aid.authors.flatMap((author, authorIndex) => {
          const name = author.name.trim() || `Author ${authorIndex + 1}`;
          return [
            ...(isBlank(author.name)
              ? [
                  {
                    message: `Author ${authorIndex + 1} has no name.`,
                    pointer: toPointer(['authors', authorIndex, 'name']),
                  },
                ]
              : []),
            ...(isBlank(author.credentials)
              ? [
                  {
                    message: `${name} has no credentials.`,
                    pointer: toPointer(['authors', authorIndex, 'credentials']),
                  },
                ]
              : []),
          ];
        });
  return judge(
    ipdasCriterion('B20', 'quality', 'Gives the authors’ credentials', 'presenceOnly'),
    findings,
    'Every author is named with their credentials.',
    'List each author with their name and credentials, such as “MD, orthopaedic surgeon”.',
  );
}

function readabilityReported(readability: AidReadability): CriterionResult {
  const criterion = ipdasCriterion('B21', 'quality', 'Reports readability');
  if (!readability.measured) {
    return notApplicable(criterion, 'The reading level is measured for English only.');
  }
  const grade = readability.overall.grade;
  return judge(
    criterion,
    grade === null ? [{ message: 'There is no text to measure yet.', pointer: '/rows' }] : [],
    `The whole aid reads at about grade ${Math.round(grade ?? 0)}; publishing stores this with the version and shows it to patients.`,
    '',
  );
}

function falseResultsExplained(aid: AidContent): CriterionResult {
  const criterion = ipdasCriterion(
    'B24-B28',
    'quality',
    'Explains false positive and false negative results',
  );
  if (!aid.aboutTest) return notApplicable(criterion, 'The aid is not about a test.');
  const topics: { topic: TestTopic; name: string }[] = [
    { topic: 'false-positives', name: 'False positives' },
    { topic: 'false-negatives', name: 'False negatives' },
  ];
  const absent = topics.filter(({ topic }) => !aid.rows.some((row) => row.topic === topic));
  return judge(
    criterion,
    absent.length === 0
      ? []
      : [
          {
            message: `No question has the test ${absent.length === 1 ? 'topic' : 'topics'} ${listOf(absent.map(({ name }) => `“${name}”`))}.`,
            pointer: '/rows',
          },
        ],
    'The aid explains false positive and false negative results.',
    'Add a question for each, saying how often the test wrongly finds or misses the problem.',
  );
}
