import "server-only";
import { HTTP_STATUS, toAppError, type FieldErrors } from "@/server/errors";
import { IdempotencyKeyReusedError } from "@/server/services/idempotency";

type RefusalOptions = { headers?: Record<string, string>; code?: string; detail?: string };

/**
 * A refusal: a sentence, or field → messages for validation. For the short forms' error shape
 * (`{"error": {"code", "message", "fields"}}`) `code` names it and `detail` may say more than Statuspage's fixed text.
 */
export class ManagementError extends Error {
  readonly headers: Record<string, string>;
  readonly code?: string;
  readonly detail?: string;

  constructor(
    readonly status: number,
    readonly error: string | FieldErrors,
    options: RefusalOptions = {},
  ) {
    super(typeof error === "string" ? error : "Some fields need attention.");
    this.headers = options.headers ?? {};
    this.code = options.code;
    this.detail = options.detail;
  }
}

export const NO_STORE = { "Cache-Control": "no-store" };

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Service field names as the API's request fields; `renames` maps a service name to a different API name. */
export function apiFieldErrors(fieldErrors: FieldErrors, renames: Record<string, string> = {}): FieldErrors {
  const fields: FieldErrors = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const [head, ...rest] = key.split(".");
    (fields[[renames[head] ?? snake(head), ...rest].join(".")] ??= []).push(...messages);
  }
  return fields;
}

/** Anything thrown, as a refusal; a refused key keeps the service's own sentence as `detail`. */
export function toManagementError(error: unknown, renames: Record<string, string> = {}): ManagementError {
  if (error instanceof ManagementError) return error;
  if (error instanceof IdempotencyKeyReusedError)
    return new ManagementError(422, error.message, { code: "idempotency_key_reused" });
  const appError = toAppError(error);
  if (appError.code === "UNAUTHORIZED")
    return new ManagementError(401, "Could not authenticate", { detail: appError.message });
  if (appError.code === "VALIDATION") {
    return new ManagementError(
      422,
      appError.fieldErrors ? apiFieldErrors(appError.fieldErrors, renames) : { base: [appError.message] },
    );
  }
  return new ManagementError(HTTP_STATUS[appError.code], appError.message);
}

/** Awaits a service call, reporting its refusals under the request's field names. */
export async function callService<T>(work: Promise<T>, renames: Record<string, string> = {}): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toManagementError(error, renames);
  }
}

/** The record a read found, or 404 naming what was asked for. */
export async function found<T>(read: Promise<T | null>, what: string): Promise<T> {
  const value = await read;
  if (value === null) throw notFound(what);
  return value;
}

export function notFound(what: string): ManagementError {
  return new ManagementError(404, `The requested ${what} could not be found.`);
}

export function invalid(field: string, message: string): ManagementError {
  return new ManagementError(422, { [field]: [message] });
}

/** How refusals are written: Statuspage's `{"error": …}`, or the short forms' `{"error": {"code", "message", "fields"?}}`. */
export type Dialect = "statuspage" | "short";

const CODES: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  420: "rate_limited",
  422: "validation",
  429: "rate_limited",
  500: "internal",
  501: "not_supported",
  503: "unavailable",
};

export function errorResponse(error: unknown, dialect: Dialect = "statuspage"): Response {
  const refusal = toManagementError(error);
  const headers: Record<string, string> = { ...NO_STORE, ...refusal.headers };
  if (dialect === "statuspage") return Response.json({ error: refusal.error }, { status: refusal.status, headers });
  const fields = typeof refusal.error === "string" ? undefined : refusal.error;
  const message = refusal.detail ?? refusal.message;
  if (refusal.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="api"';
  return Response.json(
    { error: { code: refusal.code ?? CODES[refusal.status] ?? "error", message, ...(fields ? { fields } : {}) } },
    { status: refusal.status, headers },
  );
}
