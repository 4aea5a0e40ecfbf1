import { Attestations, type AidContent } from './schema';

/**
 * A new aid's first draft: two options (the second is "wait and review", as
 * IPDAS asks for where reasonable) and a benefit and a harm question to fill in.
 */
export function starterContent(
  input: { title: string; condition: string },
  newId: () => string,
): AidContent {
  const first = newId();
  const wait = newId();
  const blankCells = {
    [first]: { text: '', numbers: [], sourceIds: [] },
    [wait]: { text: '', numbers: [], sourceIds: [] },
  };
  return {
    title: input.title,
    condition: input.condition,
    question: '',
    audience: '',
    language: 'en',
    aboutTest: false,
    options: [
      { id: first, name: '', description: '', isNoAction: false },
      { id: wait, name: 'Wait and review', description: '', isNoAction: true },
    ],
    rows: [
      { id: newId(), question: '', label: '', kind: 'benefit', cells: structuredClone(blankCells) },
      { id: newId(), question: '', label: '', kind: 'harm', cells: structuredClone(blankCells) },
    ],
    sources: [],
    authors: [],
    funding: '',
    conflictsOfInterest: '',
    evidenceMethods: '',
    updatePolicy: '',
    attestations: Attestations.parse({}),
  };
}
