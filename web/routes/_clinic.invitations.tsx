import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { data, redirect } from '@remix-run/server-runtime';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import * as z from 'zod';
import { NewInvitation, type CreatedInvitation, type InvitationStatus } from '#shared/invitations';
import { invitationLimits } from '#shared/invitation-limits';
import { useEffect } from 'react';
import { formatDate } from '../components/aid-view/aid-view';
import { Checkbox, FormError, Select, TextInput } from '../components/field';
import { ColumnHeads } from '../components/column-heads';
import { IntentButton } from '../components/intent-button';
import { RouteError } from '../components/route-error';
import { apiClient, expectOk, pageQuery } from '../lib/api.server';
import { patientText } from '../lib/patient-text';
import { postedForm } from '../lib/form-data.server';
import { group, optional, optionalWhole, text } from '../lib/form-values';
import { invalidForm, readSmallForm, refusedFieldsReply } from '../lib/forms.server';
import type { InvalidForm } from '../lib/forms.server';
import { qrCodeSvg } from '../lib/qr.server';
import { titled } from '../lib/page-title';
import { serverCheckedForm } from '../lib/server-checked-form';

export const meta = titled('Invitations');

export async function loader({ context, request }: LoaderFunctionArgs) {
  const api = apiClient(context);
  const [invitations, published] = await Promise.all([
    api.invitations.$get({ query: pageQuery(request, 50) }).then(expectOk),
    api['published-aids'].$get().then(expectOk),
  ]);
  return { invitations, published: published.items };
}

type ActionResult =
  | {
      kind: 'created';
      created: CreatedInvitation;
      qrSvg: string;
      reply: SubmissionResult<string[]>;
    }
  | InvalidForm;

/**
 * The invitation form: the aid as one choice of "id@version" (only the latest
 * published version is offered), a clinic reference, and how many days.
 */
type InvitationShape = {
  aid: string;
  /** Errors of the schema's own fields show at `aid`, which chooses both. */
  aidId: string;
  version: number;
  clinicReference: string;
  expiresInDays: number;
  evidenceStillCurrent: boolean;
};

const InvitationForm = z.preprocess((payload) => {
  const fields = group(payload);
  const [aidId = '', version = ''] = String(text(fields['aid'])).split('@');
  return {
    aidId,
    version: Number(version) || version,
    clinicReference: optional(fields['clinicReference']),
    expiresInDays: optionalWhole(fields['expiresInDays']),
    evidenceStillCurrent: text(fields['evidenceStillCurrent']) === 'on',
  };
}, NewInvitation);

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await postedForm(request);
  const api = apiClient(context);
  const intent = String(form.get('intent') ?? '');
  if (intent.startsWith('revoke:')) {
    await expectOk(
      await api.invitations[':invitationId'].revoke.$post({
        param: { invitationId: intent.slice(7) },
      }),
    );
    throw redirect('/invitations?revoked=1');
  }
  const parsed = readSmallForm(form, InvitationForm, 10);
  if (!parsed.ok) return invalidForm(parsed.reply);
  const response = await api.invitations.$post({ json: parsed.value });
  if (response.status === 201) {
    const created = (await response.json()) as CreatedInvitation;
    return data<ActionResult>(
      {
        kind: 'created',
        created,
        qrSvg: qrCodeSvg(created.link),
        // The form starts afresh for the next patient.
        reply: parsed.submission.reply({ resetForm: true }),
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  }
  if ((response.status as number) !== 422) await expectOk(response);
  return invalidForm(await refusedFieldsReply(response, parsed));
}

const statusWords: Record<InvitationStatus, string> = {
  'not-opened': 'Not opened',
  'in-progress': 'In progress',
  ready: 'Ready for the consultation',
  decided: 'Decided, not yet confirmed by the patient',
  confirmed: 'Decided and confirmed',
  expired: 'Expired',
  revoked: 'Revoked',
};

function Handout({ created, qrSvg }: { created: CreatedInvitation; qrSvg: string }) {
  return (
    <section className="handout" aria-labelledby="handout-title">
      <p className="notice notice-warning no-print">
        Copy or print the link now: it is shown only this once. It is stored only in a form that
        cannot be turned back into the link.
      </p>
      <div className="handout-sheet">
        <h2 id="handout-title" tabIndex={-1}>
          {patientText.handoutTitle}
        </h2>
        <p>{patientText.handoutIntro}</p>
        <p className="lead">{created.invitation.aidTitle}</p>
        <div
          className="qr-code"
          role="img"
          aria-label={patientText.qrCodeLabel}
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <p>{patientText.handoutScan}</p>
        <p className="handout-link">
          <a href={created.link}>{created.link}</a>
        </p>
        <p>{patientText.handoutTime}</p>
        <p>{patientText.handoutUntil(formatDate(created.invitation.expiresAt))}</p>
        <p>{patientText.handoutPrivacy}</p>
        {created.invitation.clinicReference ? (
          <p className="muted">Clinic reference: {created.invitation.clinicReference}</p>
        ) : null}
      </div>
    </section>
  );
}

/** Invitations: send a patient a published aid, see how far they got, withdraw a link. */
export default function Invitations() {
  const { invitations, published } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const [form, fields] = serverCheckedForm<InvitationShape>({
    id: 'invitation',
    lastResult: result?.reply,
    defaultValue: { expiresInDays: invitationLimits.defaultDays },
  });
  // The link is shown once, above the form: take the clinician (and their screen reader) to it.
  const createdLink = result?.kind === 'created' ? result.created.link : undefined;
  useEffect(() => {
    if (createdLink) document.getElementById('handout-title')?.focus();
  }, [createdLink]);
  return (
    <>
      <h1>Invitations</h1>
      {search.has('revoked') ? (
        <p className="notice notice-success" role="status">
          The invitation was withdrawn. Its link no longer opens.
        </p>
      ) : null}
      {result?.kind === 'created' ? (
        <Handout created={result.created} qrSvg={result.qrSvg} />
      ) : null}

      <section aria-labelledby="new-invitation" className="panel no-print">
        <h2 id="new-invitation">Invite a patient</h2>
        {published.length === 0 ? (
          <p>Publish an aid first: invitations open a published version, which never changes.</p>
        ) : (
          // A new invitation starts the form afresh: the next patient gets a reference of their own.
          <Form key={createdLink ?? 'new'} method="post" {...getFormProps(form)}>
            <FormError form={form} />
            <Select
              meta={fields.aid}
              // The schema's fields: the aid and its version, both chosen here.
              errorsOf={[fields.aidId, fields.version]}
              label="Decision aid"
              options={published.map((aid) => [
                `${aid.id}@${aid.version}`,
                `${aid.title} (version ${aid.version})${aid.demonstration ? ' — demonstration' : ''}`,
              ])}
            />
            <TextInput
              meta={fields.clinicReference}
              label="Clinic reference (optional)"
              hint={`Up to ${invitationLimits.clinicReference} characters that help you find the record again, such as an appointment number. Not the patient's name.`}
              maxLength={invitationLimits.clinicReference}
            />
            <TextInput
              meta={fields.expiresInDays}
              label="The link works for (days)"
              hint={`${invitationLimits.defaultDays} days unless you choose otherwise; at most ${invitationLimits.maxDays}.`}
              inputMode="numeric"
              size={4}
            />
            {fields.evidenceStillCurrent.errors ? (
              // Shown once the aid turns out to be past its review-by date: the author vouches for it.
              <Checkbox meta={fields.evidenceStillCurrent}>
                I have checked: the evidence in this aid is still current.
              </Checkbox>
            ) : null}
            <IntentButton intent="create">Create the invitation</IntentButton>
          </Form>
        )}
      </section>

      <section aria-labelledby="invitation-list" className="no-print">
        <h2 id="invitation-list">Sent invitations</h2>
        {invitations.items.length === 0 ? (
          <p>No invitations yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <ColumnHeads
                columns={[
                  'Created',
                  'Aid',
                  'Clinic reference',
                  'Status',
                  'Link works until',
                  'Record',
                  <span key="actions" className="visually-hidden">
                    Actions
                  </span>,
                ]}
              />
              <tbody>
                {invitations.items.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{formatDate(invitation.createdAt)}</td>
                    <td>
                      {invitation.aidTitle} (v{invitation.aidVersion})
                    </td>
                    <td>{invitation.clinicReference ?? <span className="muted">None</span>}</td>
                    <td>
                      <span className={`badge status-${invitation.status}`}>
                        {statusWords[invitation.status]}
                      </span>
                    </td>
                    <td>{formatDate(invitation.expiresAt)}</td>
                    <td>
                      {invitation.recordId ? (
                        <Link to={`/records/${invitation.recordId}`}>
                          Open the record
                          <span className="visually-hidden">
                            {' '}
                            from {formatDate(invitation.createdAt)}
                            {invitation.clinicReference ? ` (${invitation.clinicReference})` : ''}
                          </span>
                        </Link>
                      ) : (
                        <span className="muted">Not opened yet</span>
                      )}
                    </td>
                    <td>
                      {invitation.revokedAt ||
                      new Date(invitation.expiresAt) <= new Date() ? null : (
                        <Form method="post">
                          <button
                            type="submit"
                            name="intent"
                            value={`revoke:${invitation.id}`}
                            className="button-small button-danger"
                          >
                            Withdraw
                            <span className="visually-hidden">
                              {' '}
                              the invitation from {formatDate(invitation.createdAt)}
                              {invitation.clinicReference ? ` (${invitation.clinicReference})` : ''}
                            </span>
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
