import { z } from "zod";

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

/** A checkbox sends "on" when ticked and nothing when not. */
export const checkbox = z.preprocess((value) => value === "on", z.boolean());

/** A blank field counts as left out, so the service's default or optional applies. */
export function blankAsMissing<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema);
}

/** A number field's text as a number (blank: left out); the service's schema says which numbers it takes. */
export function numberField<S extends z.ZodType>(schema: S) {
  return z.preprocess(
    (value) => (typeof value !== "string" ? value : value === "" ? undefined : Number(value)),
    schema,
  );
}
