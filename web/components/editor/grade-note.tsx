import type { ComponentProps } from 'react';
import type { MeasuredText } from '#shared/checks/results';
import { TextArea } from '../field';
import type { Grades } from './editor-fields';

/** Reading level under a text: its words and grade; texts under 10 words are counted, not graded. */
export function GradeNote({ grade, id }: { grade: MeasuredText; id: string }) {
  const above = grade.grade !== null && grade.grade > 8;
  return (
    <p className={above ? 'grade-note grade-above' : 'grade-note'} id={id}>
      {grade.words} {grade.words === 1 ? 'word' : 'words'}
      {grade.grade === null ? '' : ` · reading grade ${Math.round(grade.grade)}`}
      {above ? ' — above grade 8: try shorter words and sentences' : ''}
    </p>
  );
}

/** The `note` of a field for its reading level, when it has text. */
export const gradeNote = (grade: MeasuredText | undefined) =>
  grade ? (id: string) => <GradeNote grade={grade} id={id} /> : undefined;

/** A text patients read, with its reading level under it. */
export function GradedTextArea({
  grades,
  ...props
}: Omit<ComponentProps<typeof TextArea>, 'note'> & { grades: Grades }) {
  return <TextArea {...props} note={gradeNote(grades.get(props.meta.name))} />;
}
