import "server-only";
import { z } from "zod";
import { AppError, invalidFields, renameFieldHeads, toFieldErrors } from "@/server/errors";
import { findUnsafeText, stripBidiControlsDeep, UNSAFE_TEXT_MESSAGE } from "@/lib/unsafe-text";
import { ID_PATTERN } from "@/lib/status";
import { findTooDeep, MAX_INPUT_DEPTH, TOO_DEEP_MESSAGE } from "@/lib/nesting-depth";
import { DATE_RANGE_TEXT, dateInput } from "@/lib/date-input";

// Compared with what is typed at sign-in, never shown: kept exactly as entered.
const VERBATIM_FIELDS = new Set(["password", "confirmPassword"]);

/**
 * Parses service input, turning every issue into a field error keyed by its dotted path. Every service's input
 * passes here, so this is where text is cleaned: too-deep nesting and unstorable characters are refused, and bidi
 * controls are removed from every string.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  rejectDeepNesting(input);
  rejectUnsafeText(input);
  const parsed = schema.safeParse(stripBidiControlsDeep(input, VERBATIM_FIELDS));
  if (parsed.success) return parsed.data;
  throw invalidFields(toFieldErrors(parsed.error.issues, "form"));
}

/**
 * A form's values handed to a service that parses them itself, so a console action parses its form once: the names
 * are checked against the service's schema here, the values only by that service.
 */
export function formInput<S extends z.ZodType>(_schema: S, values: { [K in keyof z.input<S>]?: unknown }): z.input<S> {
  // Safe: each service parses its whole input with this schema before it reads any of it.
  return values as z.input<S>;
}

/** Awaits another service, naming its field errors as this service's input does (`renames`: theirs → ours). */
export async function renameFieldErrors<T>(work: Promise<T>, renames: Record<string, string>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof AppError) || !error.fieldErrors) throw error;
    throw error.withFieldErrors(renameFieldHeads(error.fieldErrors, (head) => renames[head] ?? head));
  }
}

/** Refuses text PostgreSQL or XML cannot carry (NUL and most control characters) with a field error, before any query sees it. */
export function rejectUnsafeText(input: unknown): void {
  const paths = findUnsafeText(input);
  if (paths.length === 0) return;
  throw invalidFields(Object.fromEntries(paths.map((path) => [path, [UNSAFE_TEXT_MESSAGE]])));
}

function rejectDeepNesting(input: unknown): void {
  const path = findTooDeep(input, MAX_INPUT_DEPTH);
  if (path) throw invalidFields({ [path[0] ?? "form"]: [TOO_DEEP_MESSAGE] });
}

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

const serviceDate = dateInput({
  invalid: "Enter a valid date and time.",
  outOfRange: `Enter a date ${DATE_RANGE_TEXT}.`,
});
export const optionalDate = z.preprocess(emptyToUndefined, serviceDate.optional());
export const requiredDate = z.preprocess(emptyToUndefined, serviceDate);
export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : emptyToUndefined(v)),
    z.string().max(max, `Use at most ${max} characters.`).optional(),
  );
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`);
export const booleanish = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());
export const version = z.coerce.number({ error: "The version is missing; reload the page." }).int().min(1);
export const id = (label: string) =>
  z.string({ error: `${label} is required.` }).regex(ID_PATTERN, `${label} is not valid.`);
