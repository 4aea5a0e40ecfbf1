import { aidLimits } from './limits';
import { readTimeFrame } from './time-frames';

/**
 * Aid content in the shape saved before numbers named their outcome (one
 * `number` per cell, its time frame in words, development steps as four
 * ticks), brought to today's shape before it is parsed. Drafts, published
 * versions and files exported then all pass through here, so none of them
 * stops opening. Content already in today's shape comes back unchanged.
 */
export function upgradeAidContent(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const content = { ...raw };
  if (Array.isArray(content['rows'])) {
    content['rows'] = content['rows'].map((row) =>
      isRecord(row) && isRecord(row['cells'])
        ? { ...row, cells: mapValues(row['cells'], upgradeCell) }
        : row,
    );
  }
  if (isRecord(content['attestations'])) {
    content['attestations'] = upgradeAttestations(content['attestations']);
  }
  return content;
}

/** The old ticks, by the step each one now is. */
const oldAttestations: Record<string, string> = {
  patientsInvolved: 'patientNeeds',
  externallyReviewed: 'reviewedByExperts',
  fieldTestedWithPatients: 'fieldTestedWithPatients',
  fieldTestedWithClinicians: 'fieldTestedWithClinicians',
};

function upgradeAttestations(attestations: Record<string, unknown>): Record<string, unknown> {
  const upgraded: Record<string, unknown> = {};
  for (const [step, value] of Object.entries(attestations)) {
    const now = Object.hasOwn(oldAttestations, step) ? oldAttestations[step]! : step;
    upgraded[now] = typeof value === 'boolean' ? { done: value, detail: '' } : value;
  }
  return upgraded;
}

function upgradeCell(cell: unknown): unknown {
  if (!isRecord(cell) || !('number' in cell)) return cell;
  const { number, ...rest } = cell;
  return {
    ...rest,
    numbers: Array.isArray(rest['numbers'])
      ? rest['numbers']
      : number === undefined || number === null
        ? []
        : [upgradeNumber(number)],
  };
}

function upgradeNumber(number: unknown): unknown {
  if (!isRecord(number)) return number;
  const { timeFrame, ...rest } = number;
  const upgraded: Record<string, unknown> = { outcome: '', ...rest };
  if (typeof timeFrame !== 'string') {
    if (timeFrame !== undefined) upgraded['timeFrame'] = timeFrame;
    return upgraded;
  }
  const read = readTimeFrame(timeFrame);
  if (read) {
    upgraded['timeFrame'] = read;
    return upgraded;
  }
  // Words that name no single length of time ("in the first weeks after surgery")
  // still belong to the number: they stay beside who it is about, where the author sees them.
  const who = typeof rest['referenceClass'] === 'string' ? rest['referenceClass'].trim() : '';
  const joined = [who, timeFrame.trim()].filter((part) => part !== '').join(' ');
  if (joined.length <= aidLimits.referenceClass) upgraded['referenceClass'] = joined;
  return upgraded;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapValues(
  record: Record<string, unknown>,
  map: (value: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
