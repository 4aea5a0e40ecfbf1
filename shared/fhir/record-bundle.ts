import { rowName } from '../aid/names';
import { own } from '../own';
import type { AidContent } from '../aid/schema';
import type { Actor } from '../aid/aids';
import type { RecordView } from '../record/schema';
import type { AmendmentChanges, DecisionChoice, DecisionContent } from '../record/decision';
import { currentDecision, decisionFieldLabels } from '../record/decision-rules';
import { NOT_DECIDED } from '../record/decision-limits';
import { leaningName, patientPriorities, questionLines, sureSummary } from '../record/summary';
import {
  howToDecideWords,
  NOT_SURE,
  ratingLabels as ratingWords,
  recordLimits,
  SURE_ATTRIBUTION,
  sureItems,
  sureQuestions,
  type SureItem,
} from '../record/rules';
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Composition,
  CompositionAttester,
  CompositionSection,
  Narrative,
  Organization,
  Patient,
  Practitioner,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
  Resource,
} from './types';

/**
 * The shared decision record as a FHIR R4 document: a Bundle of type
 * `document` whose first entry is a Composition (the record, in sections a
 * person can read), then the patient's answers (QuestionnaireResponse), the aid
 * version they answered (Questionnaire), and who is named in it. No FHIR
 * implementation guide covers shared decision-making, so this uses R4 core
 * resources only (DOMAIN.md). Pure and deterministic: the same record and
 * options give the same JSON, byte for byte.
 */

export interface FhirExportOptions {
  /** Base of canonical URLs, e.g. "https://decide.example.org" (the app's public origin). */
  canonicalBase: string;
  /** The organisation's identifier system for its clinic references (a URI), or null when it has none. */
  patientIdentifierSystem: string | null;
  /** When the document is made, ISO 8601. */
  generatedAt: string;
}

const XHTML = 'http://www.w3.org/1999/xhtml';
const LOINC = 'http://loinc.org';
const LIST_EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';
/**
 * R4's Questionnaire has no `relatedArtifact` element (PlanDefinition and
 * Library do). The FHIR Extensions Pack defines this extension for exactly
 * that: artifact metadata on a definitional resource without the element.
 */
const RELATED_ARTIFACT = 'http://hl7.org/fhir/StructureDefinition/artifact-relatedArtifact';

const SURE_CREDIT = `The ${SURE_ATTRIBUTION}`;

export function recordBundle(view: RecordView, options: FhirExportOptions): Bundle {
  const { record, aid } = view;
  const base = options.canonicalBase.replace(/\/+$/, '');
  const urls = {
    documents: `${base}/fhir/record-documents`,
    records: `${base}/fhir/records`,
    clinicians: `${base}/fhir/clinicians`,
    documentTypes: `${base}/fhir/CodeSystem/document-types`,
    ratings: `${base}/fhir/CodeSystem/importance-rating`,
    questionnaire: `${base}/fhir/Questionnaire/${aid.id}`,
    options: `${base}/fhir/Questionnaire/${aid.id}/options`,
  };

  /**
   * Ids and fullUrls. A record id may hold "_", which a FHIR id may not
   * ([A-Za-z0-9.-]{1,64}), and the app serves no FHIR endpoint that an absolute
   * URL such as `${base}/fhir/Composition/${record.id}` would promise. So each
   * entry is a `urn:uuid:` whose UUID is name-based (RFC 4122 version 5, SHA-1):
   * the name is the record's URL and the entry's role, hence the same for the
   * same record, different for every other. Ids are scoped to this record's
   * document: the same clinician or aid in another record's document has other
   * ids, and is matched across documents by its identifier or canonical URL.
   */
  const uuidFor = (role: string) => uuidFromName(`${urls.records}/${record.id}#${role}`);
  const entry = <R extends Resource>(role: string, make: (id: string) => R): BundleEntry<R> => {
    const id = uuidFor(role);
    return { fullUrl: `urn:uuid:${id}`, resource: make(id) };
  };
  // `type` names the target, which a `urn:uuid:` reference cannot show by itself.
  const ref = (target: BundleEntry, display?: string): Reference => ({
    reference: target.fullUrl,
    type: target.resource.resourceType,
    display,
  });

  const organization = entry<Organization>('organization', (id) => ({
    resourceType: 'Organization',
    id,
    name: view.organisationName,
  }));

  // The clinicians who recorded or amended the decision, each once.
  const clinicians = new Map<string, BundleEntry<Practitioner>>();
  const practitioner = (actor: Actor): BundleEntry<Practitioner> => {
    const known = clinicians.get(actor.id);
    if (known) return known;
    const made = entry<Practitioner>(`practitioner/${actor.id}`, (id) => ({
      resourceType: 'Practitioner',
      id,
      identifier: [{ system: urls.clinicians, value: actor.id }],
      name: [{ text: actor.name }],
    }));
    clinicians.set(actor.id, made);
    return made;
  };
  const decision = record.decision;
  const decidedBy = decision ? practitioner(decision.decidedBy) : null;
  for (const amendment of decision ? record.amendments : []) practitioner(amendment.by);

  // A Patient only when the clinic's reference is an identifier in a system the
  // organisation names: its only element is that identifier. No identity is invented.
  const identifierSystem = options.patientIdentifierSystem?.trim();
  const clinicReference = record.clinicReference?.trim();
  const patient: BundleEntry<Patient> | null =
    identifierSystem && clinicReference
      ? entry<Patient>('patient', (id) => ({
          resourceType: 'Patient',
          id,
          identifier: [{ system: identifierSystem, value: clinicReference }],
        }))
      : null;
  const subject = patient ? ref(patient) : undefined;

  const questionnaire = entry('questionnaire', (id) => aidQuestionnaire(view, id, urls));
  const response = entry<QuestionnaireResponse>('questionnaire-response', (id) => ({
    resourceType: 'QuestionnaireResponse',
    id,
    questionnaire: `${urls.questionnaire}|${aid.version}`,
    status: record.status === 'in-progress' ? 'in-progress' : 'completed',
    subject,
    // The answers are locked once the decision is recorded: `updatedAt` moves
    // on with amendments and the patient's confirmation, which are not answers.
    authored: fhirDateTime(decision?.decidedAt ?? record.updatedAt),
    item: responseItems(view, urls),
  }));

  const current = decision ? currentDecision(decision, record.amendments) : null;
  const lastAmendment = decision ? record.amendments.at(-1) : undefined;
  const confirmation = record.patientConfirmation;
  const attester: CompositionAttester[] = [];
  if (decision && decidedBy) {
    attester.push({
      mode: 'professional',
      time: fhirDateTime(decision.decidedAt),
      party: ref(decidedBy, decision.decidedBy.name),
    });
  }
  if (confirmation) {
    attester.push({ mode: 'personal', time: fhirDateTime(confirmation.at), party: subject });
  }

  const documentType = 'Shared decision record';
  const composition = entry<Composition>('composition', (id) => ({
    resourceType: 'Composition',
    id,
    // The same across revisions: each export is a new version of one document.
    identifier: { system: urls.records, value: record.id },
    status: !decision ? 'preliminary' : record.amendments.length > 0 ? 'amended' : 'final',
    // LOINC's document ontology has no shared decision-making note (its
    // "Shared decision making panel", 99417-8, is a patient survey, not a
    // document). A text a person can read, with a code of our own for software.
    type: {
      coding: [
        { system: urls.documentTypes, code: 'shared-decision-record', display: documentType },
      ],
      text: documentType,
    },
    subject,
    // When the record's content last changed: the latest amendment, the
    // decision, or the patient's last answer before it.
    date: fhirDateTime(lastAmendment?.at ?? decision?.decidedAt ?? record.updatedAt),
    author: [
      ref(organization, view.organisationName),
      ...[...clinicians.values()].map((p) => ref(p, p.resource.name[0]?.text)),
    ],
    title: `Shared decision record: ${aid.title}`,
    attester,
    custodian: ref(organization, view.organisationName),
    section: [
      aidSection(view, ref(questionnaire)),
      prioritiesSection(view, ref(response)),
      readinessSection(view, ref(response)),
      decisionSection(view, current),
      openQuestionsSection(view, current, ref(response)),
      ...(record.amendments.length > 0 ? [amendmentsSection(view)] : []),
    ],
  }));

  return prune({
    resourceType: 'Bundle',
    id: uuidFor(`document/${record.revision}`),
    identifier: { system: urls.documents, value: `${record.id}-${record.revision}` },
    type: 'document',
    timestamp: fhirDateTime(options.generatedAt),
    entry: [
      composition,
      response,
      questionnaire,
      organization,
      ...clinicians.values(),
      ...(patient ? [patient] : []),
    ],
  });
}

type Urls = {
  ratings: string;
  questionnaire: string;
  options: string;
};

// ---------------------------------------------------------------------------
// The aid version as a Questionnaire, and the patient's answers to it.

const linkIds = {
  mark: (rowId: string) => `mark-${rowId}`,
  rating: (rowId: string) => `rating-${rowId}`,
  ownConcerns: 'own-concerns',
  ownConcernText: 'own-concern-text',
  ownConcernRating: 'own-concern-rating',
  leaning: 'leaning',
  sure: (item: SureItem) => `sure-${item}`,
  worries: 'worries',
  questions: 'questions',
  readElsewhereNote: 'read-elsewhere-note',
  readElsewhereLink: 'read-elsewhere-link',
  howRole: 'how-to-decide-role',
  howOthers: 'how-to-decide-others',
  howPressure: 'how-to-decide-pressure',
  howTiming: 'how-to-decide-timing',
} as const;

function ratingCoding(rating: number, urls: Urls): Coding {
  return { system: urls.ratings, code: String(rating), display: ratingWords[rating] };
}

/** An option's code; the version says which aid version's options the code belongs to. */
function leaningCoding(view: RecordView, leaning: string, urls: Urls): Coding | null {
  const name = leaningName(view.aid.content, leaning);
  if (name === null) return null;
  return { system: urls.options, version: String(view.aid.version), code: leaning, display: name };
}

function aidQuestionnaire(view: RecordView, id: string, urls: Urls): Questionnaire {
  const { aid } = view;
  const content = aid.content;
  const ratingOptions = ratingWords.map((_, rating) => ({
    valueCoding: ratingCoding(rating, urls),
  }));
  const leaningOptions = [...content.options.map((option) => option.id), NOT_SURE].flatMap(
    (code) => {
      const coding = leaningCoding(view, code, urls);
      return coding ? [{ valueCoding: coding }] : [];
    },
  );
  const item: QuestionnaireItem[] = [
    ...content.rows.map((row, index): QuestionnaireItem => ({
      linkId: linkIds.mark(row.id),
      text: `This question matters to me: ${rowName(row, index, 'question')}`,
      type: 'boolean',
    })),
    ...content.rows.map((row, index): QuestionnaireItem => ({
      linkId: linkIds.rating(row.id),
      text: `How much does this matter to you? ${rowName(row, index)}`,
      type: 'choice',
      answerOption: ratingOptions,
    })),
    {
      linkId: linkIds.ownConcerns,
      text: 'Is there something else that matters to you?',
      type: 'group',
      repeats: true,
      item: [
        {
          linkId: linkIds.ownConcernText,
          text: 'In your own words',
          type: 'string',
          maxLength: recordLimits.ownConcern,
        },
        {
          linkId: linkIds.ownConcernRating,
          text: 'How much does it matter?',
          type: 'choice',
          answerOption: ratingOptions,
        },
      ],
    },
    {
      linkId: linkIds.leaning,
      text: 'Which option are you leaning towards?',
      type: 'choice',
      answerOption: leaningOptions,
    },
    ...sureItems.map((sure): QuestionnaireItem => ({
      linkId: linkIds.sure(sure),
      text: sureQuestions[sure],
      type: 'boolean',
    })),
    {
      linkId: linkIds.worries,
      text: 'Is there anything that worries you?',
      type: 'text',
      maxLength: recordLimits.worries,
    },
    {
      linkId: linkIds.questions,
      text: 'What do you want to ask at your visit?',
      type: 'text',
      maxLength: recordLimits.questions,
    },
    {
      linkId: linkIds.readElsewhereNote,
      text: 'Things you have read or heard elsewhere',
      type: 'text',
      maxLength: recordLimits.readElsewhereNote,
    },
    {
      linkId: linkIds.readElsewhereLink,
      text: 'A web link, if you have one',
      type: 'url',
      maxLength: recordLimits.link,
    },
    {
      linkId: linkIds.howRole,
      text: 'How do you want to make this choice?',
      // Answered in words: the product's own choices, not a coded value set.
      type: 'string',
    },
    {
      linkId: linkIds.howOthers,
      text: 'Who else do you want to help you decide?',
      type: 'string',
      maxLength: recordLimits.others,
    },
    {
      linkId: linkIds.howPressure,
      text: 'Is anyone pushing you to pick one option?',
      // Answered in words: the product's own choices, not a coded value set.
      type: 'string',
    },
    {
      linkId: linkIds.howTiming,
      text: 'When do you need to decide?',
      // Answered in words: the product's own choices, not a coded value set.
      type: 'string',
    },
  ];
  return {
    resourceType: 'Questionnaire',
    id,
    extension: content.sources.map((source) => ({
      url: RELATED_ARTIFACT,
      valueRelatedArtifact: {
        type: 'citation',
        citation: source.date ? `${source.citation} (${source.date})` : source.citation,
        url: fhirUri(
          source.url ??
            (source.doi
              ? `https://doi.org/${source.doi}`
              : source.pmid
                ? `https://pubmed.ncbi.nlm.nih.gov/${source.pmid}/`
                : undefined),
        ),
      },
    })),
    language: content.language,
    url: urls.questionnaire,
    version: String(aid.version),
    name: computableName(aid.title),
    title: aid.title,
    status: 'active',
    // A demonstration aid is for trying the tool out, not for real decisions.
    experimental: aid.demonstration || undefined,
    subjectType: ['Patient'],
    date: fhirDateTime(aid.publishedAt),
    publisher: view.organisationName,
    description: content.question.trim(),
    copyright: `The four questions about being ready to decide (${sureItems.map(linkIds.sure).join(', ')}) are the SURE test © O'Connor & Légaré (Légaré et al. 2010).`,
    // R4 has lastReviewDate on Questionnaire: the date the aid's evidence was last reviewed.
    lastReviewDate: content.evidenceReviewedOn,
    item,
  };
}

function responseItems(view: RecordView, urls: Urls): QuestionnaireResponseItem[] {
  const { answers } = view.record;
  const content = view.aid.content;
  const marked = new Set(answers.marks);
  const items: QuestionnaireResponseItem[] = [];
  for (const row of content.rows) {
    if (marked.has(row.id))
      items.push({ linkId: linkIds.mark(row.id), answer: [{ valueBoolean: true }] });
  }
  for (const row of content.rows) {
    const rating = own(answers.ratings, row.id);
    if (rating !== undefined) {
      items.push({
        linkId: linkIds.rating(row.id),
        answer: [{ valueCoding: ratingCoding(rating, urls) }],
      });
    }
  }
  for (const concern of answers.ownConcerns) {
    const text = concern.text.trim();
    const parts: QuestionnaireResponseItem[] = [];
    if (text) parts.push({ linkId: linkIds.ownConcernText, answer: [{ valueString: text }] });
    if (concern.rating !== undefined) {
      parts.push({
        linkId: linkIds.ownConcernRating,
        answer: [{ valueCoding: ratingCoding(concern.rating, urls) }],
      });
    }
    if (parts.length > 0) items.push({ linkId: linkIds.ownConcerns, item: parts });
  }
  const leaning = answers.leaning === undefined ? null : leaningCoding(view, answers.leaning, urls);
  if (leaning) items.push({ linkId: linkIds.leaning, answer: [{ valueCoding: leaning }] });
  for (const item of sureItems) {
    const answer = answers.sure[item];
    if (answer !== undefined)
      items.push({ linkId: linkIds.sure(item), answer: [{ valueBoolean: answer }] });
  }
  const text = (linkId: string, value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed) items.push({ linkId, answer: [{ valueString: trimmed }] });
  };
  text(linkIds.worries, answers.worries);
  text(linkIds.questions, answers.questions);
  text(linkIds.readElsewhereNote, answers.readElsewhere.note);
  const link = fhirUri(answers.readElsewhere.link);
  if (link) items.push({ linkId: linkIds.readElsewhereLink, answer: [{ valueUri: link }] });
  const how = answers.howToDecide;
  text(linkIds.howRole, how.role && howToDecideWords.role[how.role]);
  text(linkIds.howOthers, how.others);
  text(linkIds.howPressure, how.pressure && howToDecideWords.pressure[how.pressure]);
  text(linkIds.howTiming, how.timing && howToDecideWords.timing[how.timing]);
  return items;
}

/**
 * A web address as FHIR's uri type takes it: no spaces. The app's checks
 * accept "https://example.org/a b" (the URL parser would), so it is written
 * as the parser reads it, "https://example.org/a%20b".
 */
function fhirUri(address: string | undefined): string | undefined {
  if (!address?.trim()) return undefined;
  try {
    return new URL(address.trim()).href;
  } catch {
    return undefined;
  }
}

/** A computable name (letters and digits, starting with a capital): "Itchy skin?" → "ItchySkin". */
function computableName(title: string): string {
  const name = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return (/^[A-Z]/.test(name) ? name : `DecisionAid${name}`).slice(0, 255);
}

// ---------------------------------------------------------------------------
// The Composition's sections: generated narrative, every text escaped.

const loinc = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: LOINC, code, display }],
});

function aidSection(view: RecordView, questionnaire: Reference): CompositionSection {
  const { aid } = view;
  const content = aid.content;
  const authors = content.authors.map((author) =>
    author.credentials.trim() ? `${author.name} (${author.credentials})` : author.name,
  );
  return {
    title: 'Decision aid used',
    text: narrative([
      markup`<p>${aid.title}, version ${String(aid.version)}, published ${dayText(aid.publishedAt)}.</p>`,
      aid.demonstration
        ? markup`<p>This is a demonstration aid, for trying the tool out: not for real decisions.</p>`
        : null,
      content.question.trim() ? markup`<p>The decision: ${content.question}</p>` : null,
      markup`<p>Options:</p>`,
      list(content.options.map((option) => markup`${option.name}`)),
      authors.length > 0 ? markup`<p>Written by: ${authors.join('; ')}.</p>` : null,
      content.evidenceReviewedOn
        ? markup`<p>Evidence last reviewed on ${dayText(content.evidenceReviewedOn)}.</p>`
        : null,
      content.reviewBy ? markup`<p>Due for review by ${dayText(content.reviewBy)}.</p>` : null,
      content.sources.length > 0 ? markup`<p>Sources:</p>` : null,
      list(
        content.sources.map((source) =>
          source.date ? markup`${source.citation} (${source.date})` : markup`${source.citation}`,
        ),
      ),
    ]),
    entry: [questionnaire],
  };
}

function prioritiesSection(view: RecordView, response: Reference): CompositionSection {
  const { record, aid } = view;
  const { answers } = record;
  const priorities = patientPriorities(aid.content, answers);
  const rated = new Set(priorities.map((p) => `${p.kind}:${p.id}`));
  const markedUnrated = aid.content.rows.flatMap((row, index) =>
    answers.marks.includes(row.id) && !rated.has(`row:${row.id}`) ? [rowName(row, index)] : [],
  );
  const ownUnrated = answers.ownConcerns.filter(
    (concern) => concern.text.trim() !== '' && !rated.has(`own:${concern.id}`),
  );
  const leaning = leaningName(aid.content, answers.leaning);
  const note = answers.readElsewhere.note.trim();
  const link = answers.readElsewhere.link?.trim();
  return {
    title: 'What matters to the patient',
    // LOINC 81338-6 codes the International Patient Summary's "Patient story"
    // section: what matters to the patient, their values, concerns and preferences.
    code: loinc('81338-6', 'Patient Goals, preferences, and priorities for care experience'),
    text: narrative([
      priorities.length > 0
        ? markup`<p>How much each consideration matters to the patient, most important first:</p>`
        : markup`<p>The patient did not rate how much any consideration matters.</p>`,
      list(
        priorities.map((priority) =>
          priority.kind === 'own'
            ? markup`“${priority.label}” (the patient's own words): ${ratingText(priority.rating)}`
            : markup`${priority.label}: ${ratingText(priority.rating)}${priority.marked ? ' (marked while reading the options)' : ''}`,
        ),
      ),
      markedUnrated.length > 0
        ? markup`<p>Marked as mattering while reading the options, not rated:</p>`
        : null,
      list(markedUnrated.map((label) => markup`${label}`)),
      ownUnrated.length > 0 ? markup`<p>Also in the patient's own words, not rated:</p>` : null,
      list(ownUnrated.map((concern) => markup`“${concern.text.trim()}”`)),
      markup`<p>Leaning towards: ${leaning ?? 'not given'}</p>`,
      note
        ? markup`<p>Read or heard elsewhere (the patient's own words): ${multiline(note)}</p>`
        : null,
      link ? markup`<p>Link the patient gave: ${link}</p>` : null,
    ]),
    entry: [response],
  };
}

function readinessSection(view: RecordView, response: Reference): CompositionSection {
  const { answers } = view.record;
  const summary = sureSummary(answers.sure);
  const worries = answers.worries.trim();
  const count = String(sureItems.length);
  const answerText = (answer: boolean | undefined) =>
    answer === undefined ? 'Not answered' : answer ? 'Yes' : 'No';
  return {
    title: 'Readiness (SURE)',
    text: narrative([
      list(
        summary.items.map(
          ({ item, answer }) => markup`${sureQuestions[item]} ${answerText(answer)}`,
        ),
      ),
      summary.score !== null
        ? markup`<p>SURE score: ${String(summary.score)} of ${count}.</p>`
        : markup`<p>No SURE score: ${String(summary.unanswered)} of ${count} questions not answered.</p>`,
      summary.flagText
        ? markup`<p><strong>Flag:</strong> ${summary.flagText} (A score of 3 or less signals decisional conflict.)</p>`
        : null,
      worries
        ? markup`<p>What worries the patient (their own words): ${multiline(worries)}</p>`
        : null,
      markup`<p>${SURE_CREDIT}</p>`,
    ]),
    entry: [response],
  };
}

/** The choice in words: the option's name, or "not decided yet" with the next step. */
function choiceText(content: AidContent, choice: DecisionChoice): string {
  if (choice.kind === NOT_DECIDED) {
    return `Not decided yet. Next step: ${choice.nextStep}, by ${dayText(choice.nextStepBy)}.`;
  }
  const option = content.options.find((o) => o.id === choice.optionId);
  return option?.name.trim() || `An option this aid version does not have (${choice.optionId})`;
}

function decisionSection(view: RecordView, current: DecisionContent | null): CompositionSection {
  const { record, aid } = view;
  const decision = record.decision;
  const title = 'Decision and next steps';
  // LOINC 18776-5 codes the International Patient Summary's "Plan of care" section.
  const code = loinc('18776-5', 'Plan of care note');
  if (!decision || !current) {
    return {
      title,
      code,
      text: narrative([markup`<p>Not decided yet: no decision has been recorded.</p>`]),
    };
  }
  const amendments = record.amendments.length;
  const confirmation = record.patientConfirmation;
  const unconfirmed = confirmation ? amendments - confirmation.amendmentsSeen : 0;
  const where = !confirmation
    ? ''
    : confirmation.how === 'own-link'
      ? 'through their own link'
      : confirmation.recordedBy
        ? `in the consultation, on ${confirmation.recordedBy.name}'s screen`
        : 'in the consultation';
  const participants = current.participants.trim();
  return {
    title,
    code,
    text: narrative([
      current.choice.kind === NOT_DECIDED
        ? markup`<p><strong>${choiceText(aid.content, current.choice)}</strong></p>`
        : markup`<p><strong>Decision: ${choiceText(aid.content, current.choice)}</strong></p>`,
      current.notes.trim() ? markup`<p>Notes: ${multiline(current.notes)}</p>` : null,
      current.followUp.trim() ? markup`<p>Follow-up: ${multiline(current.followUp)}</p>` : null,
      markup`<p>Who took part: the patient and ${decision.decidedBy.name}${participants ? `; also ${participants}` : ''}.</p>`,
      markup`<p>Recorded by ${decision.decidedBy.name} on ${momentText(decision.decidedAt)}.</p>`,
      amendments > 0
        ? markup`<p>This is the decision as amended since (${plural(amendments, 'amendment')}): see Amendments.</p>`
        : null,
      confirmation
        ? markup`<p>The patient confirmed the decision on ${momentText(confirmation.at)}, ${where}.</p>`
        : markup`<p>The patient has not confirmed the decision yet.</p>`,
      confirmation?.comment.trim()
        ? markup`<p>The patient's comment (their own words): ${multiline(confirmation.comment)}</p>`
        : null,
      unconfirmed > 0
        ? markup`<p>The patient confirmed before ${plural(unconfirmed, 'later amendment')}, which they have not confirmed.</p>`
        : null,
    ]),
  };
}

function openQuestionsSection(
  view: RecordView,
  current: DecisionContent | null,
  response: Reference,
): CompositionSection {
  const open = (current?.openQuestions ?? []).map((q) => q.trim()).filter((q) => q !== '');
  const own = questionLines(view.record.answers.questions);
  const title = 'Open questions';
  if (open.length === 0 && own.length === 0) {
    return {
      title,
      text: narrative([markup`<p>No open questions.</p>`]),
      emptyReason: {
        coding: [{ system: LIST_EMPTY_REASON, code: 'nilknown', display: 'Nil Known' }],
      },
    };
  }
  return {
    title,
    text: narrative([
      open.length > 0 ? markup`<p>Still open after the consultation:</p>` : null,
      list(open.map((q) => markup`${q}`)),
      own.length > 0 ? markup`<p>The patient's own questions (their own words):</p>` : null,
      list(own.map((q) => markup`${q}`)),
    ]),
    entry: own.length > 0 ? [response] : undefined,
  };
}

function changeText(
  content: AidContent,
  field: keyof AmendmentChanges,
  changes: AmendmentChanges,
): string {
  if (field === 'choice') return changes.choice ? choiceText(content, changes.choice) : '(none)';
  if (field === 'openQuestions') return changes.openQuestions?.join('; ') || '(none)';
  return changes[field]?.trim() || '(empty)';
}

function amendmentsSection(view: RecordView): CompositionSection {
  const content = view.aid.content;
  const fields = Object.keys(decisionFieldLabels) as Array<keyof AmendmentChanges>;
  const changes = (before: AmendmentChanges, after: AmendmentChanges) =>
    fields
      .filter((field) => after[field] !== undefined)
      .map(
        (field) =>
          markup`${decisionFieldLabels[field]}: was “${changeText(content, field, before)}”; now “${changeText(content, field, after)}”`,
      );
  return {
    title: 'Amendments',
    text: narrative([
      markup`<p>Corrections after the decision, oldest first. The decision above includes them.</p>`,
      markup`<ol>${view.record.amendments.map(
        (amendment) =>
          markup`<li><p>${momentText(amendment.at)}, by ${amendment.by.name}. Why: ${multiline(amendment.reason)}</p>${list(changes(amendment.before, amendment.after))}</li>`,
      )}</ol>`,
    ]),
  };
}

function ratingText(rating: number): string {
  return ratingWords[rating] ?? `Rated ${rating} of 4`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------
// XHTML: every value is escaped unless it is already Markup. (Not named `html`:
// Prettier would reformat the templates, whitespace and all.)

interface Markup {
  readonly markup: string;
}

/** Characters that XML 1.0 and FHIR's string type cannot carry: dropped. */
function xmlSafe(text: string): string {
  let safe = '';
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    const allowed =
      point === 0x9 ||
      point === 0xa ||
      point === 0xd ||
      (point >= 0x20 && point <= 0xd7ff) ||
      (point >= 0xe000 && point <= 0xfffd) ||
      point >= 0x10000;
    if (allowed) safe += char;
  }
  return safe;
}

/** Text for XHTML: the patient's words go in, so everything is escaped. */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type MarkupValue = string | Markup | null | Markup[];

function isMarkup(value: unknown): value is Markup {
  return typeof value === 'object' && value !== null && 'markup' in value;
}

function fragment(value: MarkupValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(fragment).join('');
  return isMarkup(value) ? value.markup : escapeXml(value);
}

/** A template whose literal parts are markup and whose values are text (escaped) or Markup. */
function markup(strings: TemplateStringsArray, ...values: MarkupValue[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += fragment(value) + (strings[i + 1] ?? '');
  });
  return { markup: out };
}

function list(items: Markup[]): Markup | null {
  return items.length > 0
    ? markup`<ul>${items.map((item) => markup`<li>${item}</li>`)}</ul>`
    : null;
}

/** Text whose line breaks stay line breaks. */
function multiline(text: string): Markup {
  return { markup: text.trim().split(/\r?\n/).map(escapeXml).join('<br/>') };
}

function narrative(parts: Array<Markup | null>): Narrative {
  return {
    status: 'generated',
    div: `<div xmlns="${XHTML}">${fragment(parts.filter(isMarkup))}</div>`,
  };
}

// ---------------------------------------------------------------------------
// Dates, in words and in FHIR's forms. Times are UTC: the clinic's time zone is not known here.

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-11-20" or "2026-11-20T10:00:00Z" → "20 November 2026". */
function dayText(iso: string): string {
  const month = months[Number(iso.slice(5, 7)) - 1];
  return month ? `${Number(iso.slice(8, 10))} ${month} ${iso.slice(0, 4)}` : iso.slice(0, 10);
}

/** "2026-11-20T10:00:00.000Z" → "20 November 2026 at 10:00 UTC". */
function momentText(iso: string): string {
  return `${dayText(fhirDateTime(iso))} at ${fhirDateTime(iso).slice(11, 16)} UTC`;
}

/** FHIR's dateTime needs seconds, which ISO 8601 may leave out: in UTC, to the millisecond. */
function fhirDateTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString();
}

// ---------------------------------------------------------------------------

/**
 * FHIR forbids empty values: optional elements are written as undefined, '',
 * [] or {} and dropped here. Strings lose the control characters that FHIR's
 * string type (and XML) cannot carry.
 */
function prune<T>(value: T): T {
  return pruned(value) as T;
}

function pruned(value: unknown): unknown {
  if (typeof value === 'string') return xmlSafe(value);
  if (Array.isArray(value)) return value.map(pruned).filter(present);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, v]) => [key, pruned(v)])
        .filter(([, v]) => present(v)),
    );
  }
  return value;
}

function present(value: unknown): boolean {
  if (value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || value === null || Object.keys(value).length > 0;
}

// ---------------------------------------------------------------------------
// Name-based UUIDs (RFC 4122 §4.3, version 5), with SHA-1 written out: shared/
// has no node:crypto, and Web Crypto's digest is asynchronous.

/** The RFC 4122 namespace for names that are URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

export function uuidFromName(name: string, namespace: string = URL_NAMESPACE): string {
  const space = namespace.replace(/-/g, '');
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  for (let i = 0; i < 16; i++) input[i] = parseInt(space.slice(i * 2, i * 2 + 2), 16);
  input.set(nameBytes, 16);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** SHA-1 (FIPS 180-4). Fine for naming; never for security. */
export function sha1(message: Uint8Array): Uint8Array {
  const blocks = Math.ceil((message.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const data = new DataView(padded.buffer);
  const bits = message.length * 8;
  data.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  data.setUint32(padded.length - 4, bits >>> 0);
  let [h0, h1, h2, h3, h4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  const word = (i: number) => w[i] ?? 0;
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) w[i] = data.getUint32(block * 64 + i * 4);
    for (let i = 16; i < 80; i++) {
      w[i] = rotl(word(i - 3) ^ word(i - 8) ^ word(i - 14) ^ word(i - 16), 1);
    }
    let [a, b, c, d, e] = [h0, h1, h2, h3, h4];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + word(i)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = t;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  const digest = new Uint8Array(20);
  const out = new DataView(digest.buffer);
  [h0, h1, h2, h3, h4].forEach((value, i) => out.setUint32(i * 4, value));
  return digest;
}
