/**
 * The few FHIR R4 types the record export writes, with only the elements it
 * uses (https://hl7.org/fhir/R4/). Kept here so shared/ needs no FHIR library;
 * the tests check every resource against the R4 definitions.
 */

/** A FHIR `dateTime` or `instant` in ISO 8601; a `date` is YYYY-MM-DD. */
type DateTime = string;

export interface Coding {
  system: string;
  version?: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system: string;
  value: string;
}

/** Always a resource in the same Bundle, by its entry's `fullUrl`. */
export interface Reference {
  reference: string;
  type: Resource['resourceType'];
  display?: string;
}

export interface Narrative {
  status: 'generated';
  /** XHTML: `<div xmlns="http://www.w3.org/1999/xhtml">…</div>`. */
  div: string;
}

export interface RelatedArtifact {
  type: 'citation';
  citation: string;
  url?: string;
}

export interface Extension {
  url: string;
  valueRelatedArtifact: RelatedArtifact;
}

export interface Organization {
  resourceType: 'Organization';
  id: string;
  name: string;
}

export interface Practitioner {
  resourceType: 'Practitioner';
  id: string;
  identifier: Identifier[];
  name: Array<{ text: string }>;
}

/** Only the clinic's identifier: no name, no birth date, nothing else about the person. */
export interface Patient {
  resourceType: 'Patient';
  id: string;
  identifier: Identifier[];
}

export type QuestionnaireItemType = 'group' | 'boolean' | 'string' | 'text' | 'url' | 'choice';

export interface QuestionnaireItem {
  linkId: string;
  text: string;
  type: QuestionnaireItemType;
  repeats?: boolean;
  maxLength?: number;
  answerOption?: Array<{ valueCoding: Coding }>;
  item?: QuestionnaireItem[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id: string;
  extension?: Extension[];
  language?: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active';
  experimental?: boolean;
  subjectType: ['Patient'];
  date: DateTime;
  publisher: string;
  description?: string;
  copyright: string;
  lastReviewDate?: string;
  item: QuestionnaireItem[];
}

export interface QuestionnaireResponseAnswer {
  valueBoolean?: boolean;
  valueString?: string;
  valueUri?: string;
  valueCoding?: Coding;
}

export interface QuestionnaireResponseItem {
  linkId: string;
  /** Never empty: an item without an answer is left out. */
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id: string;
  /** `url|version` of the Questionnaire. */
  questionnaire: string;
  status: 'in-progress' | 'completed';
  subject?: Reference;
  authored: DateTime;
  item: QuestionnaireResponseItem[];
}

export interface CompositionSection {
  title: string;
  code?: CodeableConcept;
  text: Narrative;
  entry?: Reference[];
  emptyReason?: CodeableConcept;
}

export interface CompositionAttester {
  mode: 'personal' | 'professional';
  time: DateTime;
  party?: Reference;
}

export interface Composition {
  resourceType: 'Composition';
  id: string;
  identifier: Identifier;
  status: 'preliminary' | 'final' | 'amended';
  type: CodeableConcept;
  subject?: Reference;
  date: DateTime;
  author: Reference[];
  title: string;
  attester?: CompositionAttester[];
  custodian: Reference;
  section: CompositionSection[];
}

export type Resource =
  Composition | QuestionnaireResponse | Questionnaire | Organization | Practitioner | Patient;

export interface BundleEntry<R extends Resource = Resource> {
  fullUrl: string;
  resource: R;
}

export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  identifier: Identifier;
  type: 'document';
  /** A FHIR `instant`. */
  timestamp: DateTime;
  /** The Composition first, then the resources it refers to. */
  entry: [BundleEntry<Composition>, ...BundleEntry[]];
}
