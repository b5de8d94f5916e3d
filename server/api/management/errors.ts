import "server-only";
import { HTTP_STATUS, toAppError, type FieldErrors } from "@/server/errors";

/** An answer in Statuspage's error shape, `{"error": …}`: a sentence, or field → messages for validation. */
export class ManagementError extends Error {
  constructor(
    readonly status: number,
    readonly error: string | FieldErrors,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof error === "string" ? error : "Validation failed");
  }
}

export const NO_STORE = { "Cache-Control": "no-store" };

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Service field names as the API's request fields; `renames` maps a service name to a different API name. */
export function apiFieldErrors(fieldErrors: FieldErrors, renames: Record<string, string> = {}, prefix = ""): FieldErrors {
  const fields: FieldErrors = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const [head, ...rest] = key.split(".");
    const name = [renames[head] ?? snake(head), ...rest].join(".");
    (fields[prefix ? `${prefix}.${name}` : name] ??= []).push(...messages);
  }
  return fields;
}

export function toManagementError(error: unknown, renames: Record<string, string> = {}): ManagementError {
  if (error instanceof ManagementError) return error;
  const appError = toAppError(error);
  if (appError.code === "UNAUTHORIZED") return new ManagementError(401, "Could not authenticate");
  if (appError.code === "VALIDATION") {
    return new ManagementError(422, appError.fieldErrors ? apiFieldErrors(appError.fieldErrors, renames) : { base: [appError.message] });
  }
  return new ManagementError(HTTP_STATUS[appError.code], appError.message);
}

export function errorResponse(error: unknown): Response {
  const refusal = toManagementError(error);
  return Response.json({ error: refusal.error }, { status: refusal.status, headers: { ...NO_STORE, ...refusal.headers } });
}

export function notFound(what: string): ManagementError {
  return new ManagementError(404, `The requested ${what} could not be found.`);
}

export function invalid(field: string, message: string): ManagementError {
  return new ManagementError(422, { [field]: [message] });
}
