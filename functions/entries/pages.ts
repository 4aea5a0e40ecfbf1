/**
 * The Remix pages, loaded on the first page request (functions/entries/lambda.ts):
 * a cold start that serves only the API never imports React or the Remix build.
 */
import { createRequestHandler } from '@remix-run/server-runtime';
import * as build from 'virtual:remix/server-build';

export const handlePage = createRequestHandler(build, 'production');
