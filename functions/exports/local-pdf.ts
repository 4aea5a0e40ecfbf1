import { createRequire } from 'node:module';
import path from 'node:path';
import { pdfFontFiles, pdfRendererLoader } from './pdf-loader';

/**
 * The PDF renderer from the source tree and the font package, for the dev
 * server and the tests. The Lambda loads its bundled copy instead
 * (functions/entries/lambda.ts): this file must stay out of its imports.
 */
export const loadLocalPdfRenderer = pdfRendererLoader(
  () => import('./record-pdf'),
  path.dirname(
    createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${pdfFontFiles.regular}`),
  ),
);
