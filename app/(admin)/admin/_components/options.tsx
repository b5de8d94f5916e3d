/** One `<option>` per value, in the order given, labelled from `labels` (or with the value itself). */
export function EnumOptions<T extends string>({
  values,
  labels,
}: {
  values: readonly T[];
  labels?: Record<T, string>;
}) {
  return values.map((value) => (
    <option key={value} value={value}>
      {labels ? labels[value] : value}
    </option>
  ));
}

/** One `<option>` per record, labelled with its name. */
export function RecordOptions({ records }: { records: readonly { id: string; name: string }[] }) {
  return records.map((record) => (
    <option key={record.id} value={record.id}>
      {record.name}
    </option>
  ));
}
