import * as z from 'zod';
import { AidContent } from '#shared/aid';
import { AidChange, AidDiff } from '#shared/aid-diff';
import {
  Actor,
  Aid,
  AidExport,
  AidPage,
  AidSummary,
  AidUpdate,
  AidVersion,
  AidVersionPage,
  AidVersionSummary,
  NewAid,
  PublishedRef,
  PublishRequest,
} from '#shared/aids';
import { AidChecks } from '#shared/checks';
import {
  CreatedInvitation,
  Invitation,
  InvitationPage,
  LinkExtension,
  NewInvitation,
} from '#shared/invitations';
import { Clinician, Me, Organisation } from '#shared/people';
import { Problem } from '#shared/problem';
import {
  AuditEvent,
  DecisionRecord,
  PatientAnswers,
  RecordPage,
  RecordSummary,
  RecordView,
  StepUpdate,
  VersionInsights,
} from '#shared/record';
import {
  Amendment,
  AmendmentRequest,
  ConfirmationRequest,
  Decision,
  DecisionRequest,
  PatientConfirmation,
} from '#shared/record/decision';

/**
 * The names of the schemas in the OpenAPI document. They live here, not on the
 * schemas, because the Remix build carries its own copies of shared/ and zod's
 * global registry would then hold two schemas under one name.
 */
export const apiSchemas = z.registry<{ id: string }>();

/** Names a schema for the API document; request and response bodies must be named. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  apiSchemas.add(schema, { id });
  return schema;
}

const domain: Record<string, z.ZodType> = {
  Problem,
  Organisation,
  Clinician,
  Me,
  Actor,
  AidContent,
  PublishedRef,
  AidSummary,
  Aid,
  AidPage,
  NewAid,
  AidUpdate,
  PublishRequest,
  AidVersionSummary,
  AidVersion,
  AidVersionPage,
  AidExport,
  AidChange,
  AidDiff,
  AidChecks,
  Invitation,
  NewInvitation,
  CreatedInvitation,
  InvitationPage,
  LinkExtension,
  PatientAnswers,
  DecisionRecord,
  StepUpdate,
  RecordSummary,
  RecordPage,
  RecordView,
  AuditEvent,
  Decision,
  DecisionRequest,
  PatientConfirmation,
  ConfirmationRequest,
  Amendment,
  AmendmentRequest,
  VersionInsights,
};
for (const [id, schema] of Object.entries(domain)) named(id, schema);
