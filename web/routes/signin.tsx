import { useLoaderData } from '@remix-run/react';
import { redirect, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { PageError } from '../components/route-error';
import { apiClient } from '../lib/api.server';
import { titled } from '../lib/page-title';

export const meta = titled('Sign in');

const problems = {
  'not-linked':
    'Your account is not linked to a clinic yet. Ask your clinic administrator to add you.',
  failed: 'Sign-in did not work. Please try again.',
  expired: 'The sign-in took too long or was started in another window. Please try again.',
} as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  // Already signed in: go straight to the aids.
  if ((await apiClient(context).me.$get()).ok) throw redirect('/');
  const params = new URL(request.url).searchParams;
  const problem = params.get('problem');
  return {
    problem: problem && problem in problems ? problems[problem as keyof typeof problems] : null,
    signedOut: params.has('signed-out'),
  };
}

export default function SignIn() {
  const { problem, signedOut } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page page-narrow">
      <h1>Sign in to Decide Together</h1>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      {signedOut ? (
        <p className="notice" role="status">
          You are signed out.
        </p>
      ) : null}
      <p>
        Clinicians sign in with their clinic account to write decision aids and review decisions
        with patients.
      </p>
      <p>
        <a className="button" href="/auth/signin">
          Sign in with your clinic account
        </a>
      </p>
      <p className="hint">
        Patients do not need to sign in: open the link or QR code your clinic gave you.
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
