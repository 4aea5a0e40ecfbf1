import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { recordPdf } from '../lib/patient.server';

/** The patient's record as a PDF, with the session of their link. */
export const loader = ({ context }: LoaderFunctionArgs) => recordPdf(context);
