import { redirect, type LoaderFunctionArgs } from '@remix-run/server-runtime';
import { stepPath } from '#shared/record/rules';

/** Step pages used to be numbered (/patient/step/3): a saved address still finds its step. */
export const loader = ({ params }: LoaderFunctionArgs) => {
  const place = Number(params['number']);
  throw redirect(Number.isInteger(place) ? stepPath(place) : '/patient');
};
