import type { RecordView } from '#shared/record/schema';

/** What a record's PDF is made from. */
export interface RecordPdfInput {
  view: RecordView;
  /** When the PDF was made, ISO 8601: printed in its footer. */
  generatedAt: string;
}

/** Renders a record as a PDF document (see record-pdf.ts, loaded only when a record is exported). */
export type RecordPdfRenderer = (input: RecordPdfInput) => Promise<Uint8Array>;
