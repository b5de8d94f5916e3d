/** `datetime-local` values carry no zone; the console labels them UTC, so read them as UTC. */
export function utcInput(value: FormDataEntryValue | null): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(trimmed)) return `${trimmed}:00.000Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(trimmed)) return `${trimmed}Z`;
  return trimmed;
}

/** A date as a `datetime-local` value in UTC, to seconds. */
export function toUtcInputValue(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 19) : "";
}

export function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/** Every string a repeated field (checkboxes, a multiple select) sent. */
export function texts(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((value): value is string => typeof value === "string");
}
