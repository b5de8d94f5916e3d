/** A stored JSON value, pretty-printed; a dash when there is none. */
export function JsonBlock({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  return (
    <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-800">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
