import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as RecordPdf from './record-pdf';
import type { RecordPdfRenderer } from './record-pdf-renderer';

/** The fonts a record's PDF embeds: DejaVu Sans, for patients' own words in any European script (ADR 12). */
export const pdfFontFiles = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

type RecordPdfModule = typeof RecordPdf;

/**
 * The PDF renderer, loaded on first use and kept for the process: its module
 * (a file of its own in the Lambda) and its fonts. A failed load is tried
 * again on the next export.
 */
export function pdfRendererLoader(
  importModule: () => Promise<RecordPdfModule>,
  fontDir: string,
): () => Promise<RecordPdfRenderer> {
  let loading: Promise<RecordPdfRenderer> | undefined;
  const load = async () => {
    const [module, regular, bold] = await Promise.all([
      importModule(),
      readFile(path.join(fontDir, pdfFontFiles.regular)),
      readFile(path.join(fontDir, pdfFontFiles.bold)),
    ]);
    return module.createRecordPdfRenderer({ regular, bold });
  };
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
