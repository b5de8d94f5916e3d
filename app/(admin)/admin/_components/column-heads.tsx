/** A table's column headings; `actions` adds a last column, for row buttons, named for screen readers only. */
export function ColumnHeads({
  columns,
  className,
  cellClassName,
  actions,
  actionsClassName,
}: {
  columns: string[];
  className?: string;
  cellClassName: string;
  actions?: boolean;
  actionsClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className={cellClassName}>
            {column}
          </th>
        ))}
        {actions ? (
          <th scope="col" className={actionsClassName}>
            <span className="sr-only">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
