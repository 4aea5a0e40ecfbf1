import { SURE_CONFLICT_THRESHOLD } from '#shared/record/rules';
import { patientText } from '../../lib/patient-text';

/** The SURE score and, at 3 or less, a kind word: this is common, and the visit is where to talk. */
export function SureResult({ score }: { score: number | null }) {
  if (score === null) return null;
  return (
    <div className="notice" role="status">
      <p>{patientText.sureScore(score)}</p>
      <p>{score <= SURE_CONFLICT_THRESHOLD ? patientText.sureLow : patientText.sureAllYes}</p>
    </div>
  );
}
