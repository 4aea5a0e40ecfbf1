import type { AidContent, Cell, NaturalFrequency } from './schema';
import { cellOf } from './cells';
import { quotedOptionName, quotedRowName } from './names';
import { numberSentence } from './number-words';
import {
  ATTESTATION_STEPS,
  certaintyLevels,
  fitWords,
  rowKindWords,
  testTopicWords,
} from './words';
import { toPointer } from '../pointer';
import type { AidChange, AidDiff } from './diff';

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** A cell's numbers, each as patients read it, one after another. */
function formatNumbers(numbers: readonly NaturalFrequency[]): string {
  return numbers.map((n) => numberSentence(n)).join(' ');
}

const detailFields: Array<[keyof AidContent, string, (aid: AidContent) => string]> = [
  ['title', 'Title', (a) => a.title],
  ['condition', 'Health condition', (a) => a.condition],
  ['question', 'Decision question', (a) => a.question],
  ['audience', 'Who it is for', (a) => a.audience],
  ['language', 'Language', (a) => a.language],
  ['aboutTest', 'About a test or screening', (a) => yesNo(a.aboutTest)],
  ['authors', 'Authors', (a) => a.authors.map((x) => `${x.name} (${x.credentials})`).join('; ')],
  ['funding', 'Funding', (a) => a.funding],
  ['conflictsOfInterest', 'Conflicts of interest', (a) => a.conflictsOfInterest],
  ['evidenceMethods', 'How the evidence was chosen', (a) => a.evidenceMethods],
  ['evidenceReviewedOn', 'Evidence reviewed on', (a) => a.evidenceReviewedOn ?? ''],
  ['reviewBy', 'Review by', (a) => a.reviewBy ?? ''],
  ['updatePolicy', 'Update policy', (a) => a.updatePolicy],
  [
    'attestations',
    'Development steps confirmed',
    (a) =>
      ATTESTATION_STEPS.filter(({ step }) => a.attestations[step].done)
        .map(({ step, title }) => `${title}: ${a.attestations[step].detail.trim()}`)
        .join('; '),
  ],
];

function byId<T extends { id: string }>(
  items: readonly T[],
): Map<string, { item: T; index: number }> {
  return new Map(items.map((item, index) => [item.id, { item, index }]));
}

/**
 * What changed from `before` to `after`, as a flat list a clinician can read:
 * details, options, questions, each answer, and sources. Items are matched by
 * id, so a renamed option is a change, not a removal and an addition.
 */
export function diffAids(before: AidContent, after: AidContent): AidDiff {
  const changes: AidChange[] = [];
  const change = (
    entry: Omit<AidChange, 'before' | 'after'> & { before?: string; after?: string },
  ) => {
    changes.push({
      ...entry,
      ...(entry.before ? { before: entry.before } : {}),
      ...(entry.after ? { after: entry.after } : {}),
    });
  };
  const compare = (
    area: AidChange['area'],
    label: string,
    pointer: string,
    a: string,
    b: string,
  ) => {
    if (a !== b) change({ kind: 'changed', area, label, pointer, before: a, after: b });
  };

  /** One "moved" change when the items both versions share come in another order. */
  const orderChange = <T extends { id: string }>(
    older: readonly T[],
    newer: readonly T[],
    name: (item: T) => string,
    where: Pick<AidChange, 'area' | 'label' | 'pointer'>,
  ) => {
    const shared = (list: readonly T[], other: readonly T[]) => {
      const ids = new Set(other.map((item) => item.id));
      return list
        .filter((item) => ids.has(item.id))
        .map((item) => item.id)
        .join();
    };
    if (shared(older, newer) === shared(newer, older)) return;
    change({
      kind: 'moved',
      ...where,
      before: older.map(name).join(' · '),
      after: newer.map(name).join(' · '),
    });
  };

  /** A "removed" change for each item only `before` has, then the order change of the rest. */
  const removalsAndOrder = <T extends { id: string }>(
    list: 'options' | 'rows' | 'sources',
    older: readonly T[],
    newer: readonly T[],
    read: {
      area: AidChange['area'];
      label: (item: T, index: number) => string;
      text: (item: T) => string;
      orderLabel: string;
      orderName: (item: T) => string;
    },
  ) => {
    const kept = byId(newer);
    older.forEach((item, index) => {
      if (kept.has(item.id)) return;
      change({
        kind: 'removed',
        area: read.area,
        label: read.label(item, index),
        pointer: toPointer([list, index]),
        before: read.text(item),
      });
    });
    orderChange(older, newer, read.orderName, {
      area: read.area,
      label: read.orderLabel,
      pointer: `/${list}`,
    });
  };

  for (const [field, label, read] of detailFields) {
    compare('details', label, toPointer([field]), read(before), read(after));
  }

  const optionName = (aid: AidContent, id: string) => {
    const index = aid.options.findIndex((o) => o.id === id);
    return quotedOptionName(aid.options[index], index);
  };

  /** An answer that comes with a new option or a new question. */
  const addedAnswer = (rowIndex: number, optionId: string) => {
    const row = after.rows[rowIndex];
    const text = row ? cellOf(row, optionId).text : '';
    if (!row || !text.trim()) return;
    change({
      kind: 'added',
      area: 'answer',
      label: `Answer to ${quotedRowName(row, rowIndex, 'question')} for ${optionName(after, optionId)}`,
      pointer: toPointer(['rows', rowIndex, 'cells', optionId, 'text']),
      after: text,
    });
  };

  // Options
  const beforeOptions = byId(before.options);
  after.options.forEach((option, index) => {
    const old = beforeOptions.get(option.id)?.item;
    const label = `Option ${optionName(after, option.id)}`;
    const pointer = toPointer(['options', index]);
    if (!old) {
      change({ kind: 'added', area: 'option', label, pointer, after: option.name });
      // Its answers are new too, and a reader of the diff must see them.
      after.rows.forEach((row, r) => addedAnswer(r, option.id));
      return;
    }
    compare('option', `${label}: name`, `${pointer}/name`, old.name, option.name);
    compare(
      'option',
      `${label}: description`,
      `${pointer}/description`,
      old.description,
      option.description,
    );
    compare(
      'option',
      `${label}: wait or no action`,
      `${pointer}/isNoAction`,
      yesNo(old.isNoAction),
      yesNo(option.isNoAction),
    );
  });
  removalsAndOrder('options', before.options, after.options, {
    area: 'option',
    label: (option) => `Option ${optionName(before, option.id)}`,
    text: (option) => option.name,
    orderLabel: 'Order of the options',
    orderName: (option) => option.name,
  });

  // Questions (rows) and their answers (cells)
  const beforeRows = byId(before.rows);
  const sourceNames = (aid: AidContent, cell: Cell) =>
    cell.sourceIds.map((id) => aid.sources.find((s) => s.id === id)?.citation ?? id).join('; ');
  after.rows.forEach((row, index) => {
    const old = beforeRows.get(row.id)?.item;
    const label = quotedRowName(row, index, 'question');
    const pointer = toPointer(['rows', index]);
    if (!old) {
      change({ kind: 'added', area: 'question', label, pointer, after: row.question });
      for (const option of after.options) addedAnswer(index, option.id);
      return;
    }
    compare('question', `${label}: question`, `${pointer}/question`, old.question, row.question);
    compare('question', `${label}: what patients weigh`, `${pointer}/label`, old.label, row.label);
    compare(
      'question',
      `${label}: kind`,
      `${pointer}/kind`,
      rowKindWords[old.kind],
      rowKindWords[row.kind],
    );
    compare(
      'question',
      `${label}: test topic`,
      `${pointer}/topic`,
      old.topic ? testTopicWords[old.topic] : '',
      row.topic ? testTopicWords[row.topic] : '',
    );
    for (const option of after.options) {
      if (!beforeOptions.has(option.id)) continue;
      const a = cellOf(old, option.id);
      const b = cellOf(row, option.id);
      const where = `Answer to ${quotedRowName(row, index, 'question')} for ${optionName(after, option.id)}`;
      const cellPointer = toPointer(['rows', index, 'cells', option.id]);
      compare('answer', where, `${cellPointer}/text`, a.text, b.text);
      compare(
        'answer',
        `${where}: numbers`,
        `${cellPointer}/numbers`,
        formatNumbers(a.numbers),
        formatNumbers(b.numbers),
      );
      compare(
        'answer',
        `${where}: certainty`,
        `${cellPointer}/certainty`,
        a.certainty ? certaintyLevels[a.certainty] : '',
        b.certainty ? certaintyLevels[b.certainty] : '',
      );
      compare(
        'answer',
        `${where}: how it compares`,
        `${cellPointer}/fit`,
        a.fit ? fitWords[a.fit] : '',
        b.fit ? fitWords[b.fit] : '',
      );
      compare(
        'answer',
        `${where}: sources`,
        `${cellPointer}/sourceIds`,
        sourceNames(before, a),
        sourceNames(after, b),
      );
    }
  });
  removalsAndOrder('rows', before.rows, after.rows, {
    area: 'question',
    label: (row, index) => quotedRowName(row, index, 'question'),
    text: (row) => row.question,
    orderLabel: 'Order of the questions',
    orderName: (row) => row.question,
  });

  // Sources
  const beforeSources = byId(before.sources);
  const describeSource = (s: AidContent['sources'][number]) =>
    [s.citation, s.date, s.doi && `DOI ${s.doi}`, s.pmid && `PMID ${s.pmid}`, s.url]
      .filter(Boolean)
      .join(' · ');
  after.sources.forEach((source, index) => {
    const old = beforeSources.get(source.id)?.item;
    const pointer = toPointer(['sources', index]);
    if (!old)
      return change({
        kind: 'added',
        area: 'source',
        label: `Source ${index + 1}`,
        pointer,
        after: describeSource(source),
      });
    compare('source', `Source ${index + 1}`, pointer, describeSource(old), describeSource(source));
  });
  // Patients see sources by number, so a new order changes what "Source 2" means.
  removalsAndOrder('sources', before.sources, after.sources, {
    area: 'source',
    label: (_source, index) => `Source ${index + 1}`,
    text: describeSource,
    orderLabel: 'Order of the sources',
    orderName: (source) => source.citation,
  });

  return { identical: changes.length === 0, changes };
}
