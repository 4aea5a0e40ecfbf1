import type { FieldMetadata, FormMetadata } from '@conform-to/react';
import type { MeasuredText } from '#shared/checks/results';
import type { AidFormShape } from '../../routes/_clinic.aids.$aidId._index/form-id';

/** The editor's form, for its list intents (add, move, remove). */
export type EditorForm = FormMetadata<AidFormShape>;
/** The editor's fields, as Conform's metadata. */
export type EditorFields = ReturnType<EditorForm['getFieldset']>;
export type EditorField<Value> = FieldMetadata<Value, AidFormShape>;

/** Reading level of each patient-facing text, by field name. */
export type Grades = Map<string, MeasuredText>;
