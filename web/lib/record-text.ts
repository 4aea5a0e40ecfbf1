import type { AuditEvent, RecordStatus } from '#shared/record/schema';

/** What clinicians read about records: statuses, SURE items, history. Patients' words are in patient-text.ts. */
export const recordStatusWords: Record<RecordStatus, string> = {
  'in-progress': 'In progress',
  ready: 'Ready for the consultation',
  decided: 'Decided, not yet confirmed by the patient',
  confirmed: 'Decided and confirmed',
};

/** A history line: "Dr Alex Morgan opened the record". */
export function historyLine(event: AuditEvent): string {
  const who = event.actor.kind === 'patient' ? 'The patient' : event.actor.name;
  switch (event.type) {
    case 'opened':
      return `${who} opened the link for the first time`;
    case 'ready':
      return `${who} said they are ready for the consultation`;
    case 'viewed':
      return `${who} opened the record`;
    case 'exported':
      return `${who} downloaded the record (${event.detail === 'fhir' ? 'FHIR' : 'PDF'})`;
    case 'decided':
      return `${who} recorded the decision`;
    case 'confirmed':
      return event.actor.kind === 'patient'
        ? 'The patient confirmed the decision through their own link'
        : `The patient confirmed the decision in the consultation (recorded by ${who})`;
    case 'amended':
      return `${who} amended the record`;
    case 'link-extended':
      return `${who} kept the patient's link working until ${event.detail ?? 'later'}`;
    case 'link-withdrawn':
      return `${who} withdrew the patient's link`;
  }
}
