/**
 * The life of a shared decision record, once: which states there are, who may
 * move a record from one to the next, and why a move is refused. The store
 * writes each move with its audit event in one transaction; the API maps a
 * refusal to 403 (the wrong party) or 409 (the wrong moment). No zod, no I/O:
 * patient pages use it in the browser.
 *
 *   in-progress ──mark-ready──► ready
 *        │                        │
 *        └──────── decide ────────┴──► decided ──confirm──► confirmed
 *        └──── decide-together ───┴───────────────────────► confirmed
 *
 * `amend` keeps a decided or confirmed record where it is and appends an
 * amendment; the patient's answers are locked from the decision on.
 */
export const recordStatuses = ['in-progress', 'ready', 'decided', 'confirmed'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

export type RecordParty = 'patient' | 'clinician';

export type RecordAction =
  /** The patient saves a step's answers. */
  | 'save-answers'
  /** The patient says "I'm ready for my visit". */
  | 'mark-ready'
  /** The clinician records what was decided together; the patient confirms later, through their link. */
  | 'decide'
  /** The same, and the patient confirms on the same screen: "this is what we decided together". */
  | 'decide-together'
  /** The patient confirms the decision (through their link, or in person with the clinician). */
  | 'confirm'
  /** The clinician corrects a decided record: appended, never an overwrite. */
  | 'amend';

interface Rule {
  by: readonly RecordParty[];
  from: Partial<Record<RecordStatus, RecordStatus>>;
}

const rules: Record<RecordAction, Rule> = {
  'save-answers': { by: ['patient'], from: { 'in-progress': 'in-progress', ready: 'ready' } },
  'mark-ready': { by: ['patient'], from: { 'in-progress': 'ready' } },
  decide: { by: ['clinician'], from: { 'in-progress': 'decided', ready: 'decided' } },
  'decide-together': {
    by: ['clinician'],
    from: { 'in-progress': 'confirmed', ready: 'confirmed' },
  },
  confirm: { by: ['patient', 'clinician'], from: { decided: 'confirmed' } },
  amend: { by: ['clinician'], from: { decided: 'decided', confirmed: 'confirmed' } },
};

/** Why a move is refused: `not-allowed` is the wrong party (403); the others are the wrong moment (409). */
export type Refusal =
  | 'not-allowed'
  /** The decision is recorded: the patient's answers no longer change. */
  | 'locked'
  /** Someone recorded the decision first. */
  | 'already-decided'
  /** There is no decision yet to confirm or amend. */
  | 'not-decided'
  /** The patient has already confirmed. */
  | 'already-confirmed'
  /** Marked ready already. */
  | 'already-ready';

export type Transition = { ok: true; to: RecordStatus } | { ok: false; refusal: Refusal };

export function transition(from: RecordStatus, action: RecordAction, by: RecordParty): Transition {
  const rule = rules[action];
  if (!rule.by.includes(by)) return { ok: false, refusal: 'not-allowed' };
  const to = rule.from[from];
  if (to !== undefined) return { ok: true, to };
  return { ok: false, refusal: refusalFor(from, action) };
}

function refusalFor(from: RecordStatus, action: RecordAction): Refusal {
  switch (action) {
    case 'save-answers':
      return 'locked';
    case 'mark-ready':
      return isDecided(from) ? 'locked' : 'already-ready';
    case 'decide':
    case 'decide-together':
      return 'already-decided';
    case 'confirm':
      return from === 'confirmed' ? 'already-confirmed' : 'not-decided';
    case 'amend':
      return 'not-decided';
  }
}

/** A decision is recorded: the record is locked, and changes are amendments. */
export function isDecided(status: RecordStatus): boolean {
  return status === 'decided' || status === 'confirmed';
}

/**
 * The order of statuses in a clinician's list, highest first: who needs
 * attention (ready), who is preparing, who has not confirmed yet, then done.
 */
export const statusListRank: Record<RecordStatus, number> = {
  ready: 4,
  'in-progress': 3,
  decided: 2,
  confirmed: 1,
};
