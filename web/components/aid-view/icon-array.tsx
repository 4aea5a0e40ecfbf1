import { useId } from 'react';
import { MAX_ICONS } from '#shared/aid/number-words';

function columnsFor(denominator: number): number {
  if (denominator <= 100) return 10;
  if (denominator <= 400) return 20;
  return 40;
}

/**
 * A part-to-whole picture of a natural frequency: `numerator` marked people
 * out of `denominator`, filled in reading order. Screen readers get the same
 * fact in words through the label.
 */
export function IconArray({
  numerator,
  denominator,
  label,
}: {
  numerator: number;
  denominator: number;
  label: string;
}) {
  const titleId = useId();
  if (denominator > MAX_ICONS || denominator < 1) return null;
  const columns = columnsFor(denominator);
  const rows = Math.ceil(denominator / columns);
  const size = 10;
  const gap = 2;
  const square = (i: number) => {
    const x = (i % columns) * (size + gap);
    const y = Math.floor(i / columns) * (size + gap);
    return `M${x} ${y}h${size}v${size}h-${size}z`;
  };
  let marked = '';
  let unmarked = '';
  for (let i = 0; i < denominator; i += 1) {
    if (i < numerator) marked += square(i);
    else unmarked += square(i);
  }
  const width = columns * (size + gap) - gap;
  const height = rows * (size + gap) - gap;
  return (
    <svg
      className="icon-array"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={titleId}
      width={Math.min(width, columns === 10 ? 120 : 240)}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{label}</title>
      <path d={marked} className="icon-marked" />
      <path d={unmarked} className="icon-unmarked" />
    </svg>
  );
}
