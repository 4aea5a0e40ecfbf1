import type { ReactNode } from 'react';

/** A data table's head: a column header for each column, in order. */
export function ColumnHeads({ columns }: { columns: ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, c) => (
          <th key={c} scope="col">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
