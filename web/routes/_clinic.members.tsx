import { getFormProps } from '@conform-to/react';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { data, redirect } from '@remix-run/server-runtime';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { useEffect } from 'react';
import * as z from 'zod';
import {
  memberLimits,
  NewMember,
  recentMemberChangesShown,
  type Member,
  type MemberEvent,
  type MemberRole,
} from '#shared/members';
import { formatDate } from '../components/aid-view/aid-view';
import { FormError, limitsOf, Select, TextInput } from '../components/field';
import { ColumnHeads } from '../components/column-heads';
import { IntentButton } from '../components/intent-button';
import { RouteError } from '../components/route-error';
import { apiClient, expectOk, pageQuery, type Api } from '../lib/api.server';
import { postedForm } from '../lib/form-data.server';
import { group, text } from '../lib/form-values';
import { invalidForm, readSmallForm, refusedFieldsReply } from '../lib/forms.server';
import type { InvalidForm } from '../lib/forms.server';
import { readProblem } from '../lib/problems';
import { titled } from '../lib/page-title';
import { serverCheckedForm } from '../lib/server-checked-form';

export const meta = titled('Members');

/** Admins only: the API answers anyone else 403, shown as "Not allowed". */
export async function loader({ context, request }: LoaderFunctionArgs) {
  const api = apiClient(context);
  const query = pageQuery(request, 100);
  const [me, members, events] = await Promise.all([
    api.me.$get().then(expectOk),
    api.members.$get({ query }).then(expectOk),
    // The recent changes: one item, read with the session (ADR 28).
    api.members.events.$get({ query: { limit: String(recentMemberChangesShown) } }).then(expectOk),
  ]);
  return { me: me.clinician, members, events: events.items, firstPage: !query.cursor };
}

type ActionResult =
  | InvalidForm
  /** A change the API refused, such as the last admin's: said plainly, at the member. */
  | { kind: 'refused'; memberId: string; message: string };

const InviteForm = z.preprocess((payload) => {
  const fields = group(payload);
  return { email: text(fields['email']), name: text(fields['name']), role: fields['role'] };
}, NewMember);

const refused = (memberId: string, message: string, status: number) =>
  data<ActionResult>({ kind: 'refused', memberId, message }, { status });

/** A change to one member; a refusal (the last admin, gone meanwhile) is said at the member. */
async function changeMember(
  api: Api,
  memberId: string,
  change: { role: MemberRole } | 'remove',
): Promise<ReturnType<typeof refused> | null> {
  const param = { memberId };
  const response =
    change === 'remove'
      ? await api.members[':memberId'].$delete({ param })
      : await api.members[':memberId'].$patch({ param, json: change });
  if (response.ok) return null;
  const status = response.status as number;
  if (status === 409 || status === 404 || status === 422) {
    const problem = await readProblem(response);
    const message =
      status === 404
        ? 'This member is no longer in your organisation.'
        : (problem.detail ?? 'This change could not be made.');
    return refused(memberId, message, status);
  }
  return expectOk(response).then(() => null);
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await postedForm(request);
  const api = apiClient(context);
  const intent = String(form.get('intent') ?? '');

  if (intent.startsWith('role:') || intent.startsWith('remove:')) {
    const memberId = intent.slice(intent.indexOf(':') + 1);
    const role = String(form.get('role') ?? '');
    const change = intent.startsWith('remove:') ? 'remove' : { role: role as MemberRole };
    const me = (await expectOk(await api.me.$get())).clinician;
    const failed = await changeMember(api, memberId, change);
    if (failed) return failed;
    // Your own change: without the admin role (or membership) this page is no longer yours.
    if (memberId === me.id) throw redirect(change === 'remove' ? '/signin' : '/');
    throw redirect(
      change === 'remove'
        ? '/members?removed=1'
        : `/members?changed=${encodeURIComponent(memberId)}`,
    );
  }

  const parsed = readSmallForm(form, InviteForm, 8);
  if (!parsed.ok) return invalidForm(parsed.reply);
  const response = await api.members.$post({ json: parsed.value });
  if (response.status === 201) {
    const member = (await response.json()) as Member;
    throw redirect(`/members?invited=${encodeURIComponent(member.id)}`);
  }
  const status = response.status as number;
  if (status === 422 || status === 409)
    return invalidForm(await refusedFieldsReply(response, parsed), status);
  if (status === 503) {
    const problem = await readProblem(response);
    return invalidForm(
      parsed.submission.reply({
        formErrors: [problem.detail ?? 'The service is not answering. Please try again soon.'],
      }),
      503,
    );
  }
  // Anything else is the error boundary's (a 401 signs in again).
  await expectOk(response);
  throw redirect('/members');
}

const roleWords: Record<MemberRole, string> = { admin: 'Admin', clinician: 'Clinician' };
const roleOptions: Array<[string, string]> = [
  ['clinician', 'Clinician'],
  ['admin', 'Admin: also manages the members'],
];

/**
 * One line of the audit. The audit keeps ids only: names come from the list,
 * and a removed member's name went with them.
 */
function describeEvent(event: MemberEvent, you: string, names: Map<string, string>): string {
  const name = (id: string, start: boolean) =>
    id === you
      ? start
        ? 'You'
        : 'you'
      : (names.get(id) ?? (start ? 'A former member' : 'a former member'));
  const actor = name(event.actorId, true);
  const member =
    event.memberId === event.actorId
      ? event.actorId === you
        ? 'yourself'
        : 'themself'
      : name(event.memberId, false);
  const role = event.role === 'admin' ? 'an admin' : 'a clinician';
  switch (event.type) {
    case 'member-invited':
      return `${actor} invited ${member} as ${role}.`;
    case 'member-joined':
      return `${name(event.memberId, true)} signed in for the first time and joined.`;
    case 'member-role-changed':
      return `${actor} made ${member} ${role}.`;
    case 'member-removed':
      return `${actor} removed ${member}.`;
  }
}

function RemoveConfirmation({ member, isYou }: { member: Member; isYou: boolean }) {
  useEffect(() => document.getElementById('confirm-remove-title')?.focus(), []);
  return (
    <section className="panel" aria-labelledby="confirm-remove-title">
      <h2 id="confirm-remove-title" tabIndex={-1}>
        Remove {isYou ? 'yourself' : member.name}?
      </h2>
      <p>
        {isYou ? 'You' : `${member.name} (${member.email})`} will no longer be able to sign in to
        your organisation, and any open session ends at once. Their decision aids, invitations and
        records stay with the organisation. {isYou ? 'You' : 'They'} can be invited again later.
      </p>
      <div className="button-row">
        <Form method="post" action="/members">
          <button
            type="submit"
            name="intent"
            value={`remove:${member.id}`}
            className="button-danger"
          >
            Yes, remove {isYou ? 'myself' : member.name}
          </button>
        </Form>
        <Link to="/members">No, keep {isYou ? 'me' : 'them'}</Link>
      </div>
    </section>
  );
}

/** The organisation's members: invite, change roles, remove; and what changed recently. */
export default function Members() {
  const { me, members, events, firstPage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const [form, fields] = serverCheckedForm<{ email: string; name: string; role: string }>({
    id: 'invite',
    lastResult: result?.kind === 'invalid' ? result.reply : undefined,
    defaultValue: { role: 'clinician' },
  });
  const limited = limitsOf(fields, memberLimits);
  const names = new Map(members.items.map((m) => [m.id, m.name]));
  const invited = members.items.find((m) => m.id === search.get('invited'));
  const changed = members.items.find((m) => m.id === search.get('changed'));
  const removing = members.items.find((m) => m.id === search.get('remove'));
  const refusal = result?.kind === 'refused' ? result : undefined;

  return (
    <>
      <h1>Members</h1>
      {invited ? (
        <p className="notice notice-success" role="status">
          {invited.name} is invited as {invited.role === 'admin' ? 'an admin' : 'a clinician'}. They
          get an email from the sign-in service; they join when they first sign in with{' '}
          {invited.email}.
        </p>
      ) : null}
      {changed ? (
        <p className="notice notice-success" role="status">
          {changed.name} is now {changed.role === 'admin' ? 'an admin' : 'a clinician'}.
        </p>
      ) : null}
      {search.has('removed') ? (
        <p className="notice notice-success" role="status">
          The member was removed. They can no longer sign in to your organisation.
        </p>
      ) : null}
      {refusal ? (
        <p className="notice notice-error" role="alert">
          {refusal.message}
        </p>
      ) : null}
      {removing ? <RemoveConfirmation member={removing} isYou={removing.id === me.id} /> : null}

      <section aria-labelledby="member-list">
        <h2 id="member-list">Who can sign in</h2>
        <div className="table-scroll">
          <table className="data-table">
            <ColumnHeads
              columns={[
                'Name',
                'Email',
                'Status',
                'Role',
                <span key="remove" className="visually-hidden">
                  Remove
                </span>,
              ]}
            />
            <tbody>
              {members.items.map((member) => {
                const isYou = member.id === me.id;
                const who = isYou ? 'yourself' : member.name;
                const error = refusal?.memberId === member.id ? refusal.message : undefined;
                const errorId = `member-${member.id}-error`;
                return (
                  <tr key={member.id}>
                    <td>
                      {member.name}
                      {isYou ? <span className="muted"> (you)</span> : null}
                    </td>
                    <td>{member.email}</td>
                    <td>
                      {member.status === 'active' ? (
                        <span className="badge badge-success">Active</span>
                      ) : (
                        <span className="badge badge-warning">
                          Invited
                          {member.invitedAt ? ` on ${formatDate(member.invitedAt)}` : ''}
                        </span>
                      )}
                    </td>
                    <td>
                      <Form method="post" action="/members" className="inline-fields">
                        <label htmlFor={`role-${member.id}`} className="visually-hidden">
                          Role of {who}
                        </label>
                        <select
                          id={`role-${member.id}`}
                          name="role"
                          defaultValue={member.role}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? errorId : undefined}
                        >
                          <option value="clinician">{roleWords.clinician}</option>
                          <option value="admin">{roleWords.admin}</option>
                        </select>
                        <IntentButton
                          intent={`role:${member.id}`}
                          className="button-small button-secondary"
                        >
                          Change role<span className="visually-hidden"> of {who}</span>
                        </IntentButton>
                      </Form>
                      {error ? (
                        <p className="field-error" id={errorId}>
                          {error}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      <Link
                        to={`/members?remove=${encodeURIComponent(member.id)}`}
                        className="button button-small button-danger"
                      >
                        Remove<span className="visually-hidden"> {who}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {members.nextCursor || !firstPage ? (
          <p className="button-row">
            {!firstPage ? <Link to="/members">First page</Link> : null}
            {members.nextCursor ? (
              <Link to={`/members?cursor=${encodeURIComponent(members.nextCursor)}`}>
                More members
              </Link>
            ) : null}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="new-member" className="panel">
        <h2 id="new-member">Invite a clinician</h2>
        <p>
          They get an account at the sign-in service, which emails them how to sign in. They join
          your organisation the first time they sign in with this address.
        </p>
        {/* A new form after each invitation: what was typed for the last one is not offered again. */}
        <Form key={invited?.id ?? 'new'} method="post" action="/members" {...getFormProps(form)}>
          <FormError form={form} />
          <TextInput label="Email address" type="email" autoComplete="off" {...limited('email')} />
          <TextInput
            label="Name"
            hint="As colleagues and patients' records will show it, such as Dr Jo Smith."
            {...limited('name')}
          />
          <Select meta={fields.role} label="Role" options={roleOptions} />
          <IntentButton intent="invite">Send the invitation</IntentButton>
        </Form>
      </section>

      <section aria-labelledby="member-events">
        <h2 id="member-events">Recent changes</h2>
        {events.length === 0 ? (
          <p>No changes yet.</p>
        ) : (
          <ul className="history">
            {events.map((event) => (
              <li key={event.id}>
                <time dateTime={event.at}>{formatDate(event.at)}</time>{' '}
                {describeEvent(event, me.id, names)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
