import "server-only";

export type AppErrorCode =
  | "INVALID_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "VALIDATION"
  | "RATE_LIMITED"
  | "NOT_SUPPORTED"
  | "UNAVAILABLE"
  | "INTERNAL";

export type FieldErrors = Record<string, string[]>;

const HTTP_STATUS: Record<AppErrorCode, number> = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  NOT_SUPPORTED: 501,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** What an HTTP answer carries besides the code: a finer machine-readable reason, headers, another status. */
export type AppErrorOptions = {
  /** Our dialect's `code` when it says more than the error's own (`malformed_json` for an INVALID_REQUEST). */
  reason?: string;
  headers?: Record<string, string>;
  /** Statuspage's 420 for a rate limit, where a client was written against it. */
  status?: number;
};

export const FIELD_ERRORS_SUMMARY = "Some fields need attention.";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly reason?: string;
  readonly headers: Record<string, string>;
  readonly status: number;

  constructor(code: AppErrorCode, message: string, fieldErrors?: FieldErrors, options: AppErrorOptions = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.reason = options.reason;
    this.headers = options.headers ?? {};
    this.status = options.status ?? HTTP_STATUS[code];
  }

  /** The same refusal naming its fields differently (as another layer's input calls them). */
  withFieldErrors(fieldErrors: FieldErrors): AppError {
    return new AppError(this.code, this.message, fieldErrors, {
      reason: this.reason,
      headers: this.headers,
      status: this.status,
    });
  }
}

/** A refusal for going over a rate limit; `retryAfterMs` is when the next attempt can succeed. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super("RATE_LIMITED", message);
  }
}

/** A validation refusal naming each field at fault. */
export function invalidFields(fieldErrors: FieldErrors): AppError {
  return new AppError("VALIDATION", FIELD_ERRORS_SUMMARY, fieldErrors);
}

/** What a person is shown for a refusal: a summary when its fields say what is wrong, otherwise its message. */
export function describeRefusal(error: AppError): string {
  return error.code === "VALIDATION" && error.fieldErrors ? FIELD_ERRORS_SUMMARY : error.message;
}

/** Field errors with the first segment of each dotted name renamed: `startedAt.x` → `started_at.x`. */
export function renameFieldHeads(fieldErrors: FieldErrors, rename: (head: string) => string): FieldErrors {
  const renamed: FieldErrors = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const [head, ...rest] = key.split(".");
    (renamed[[rename(head), ...rest].join(".")] ??= []).push(...messages);
  }
  return renamed;
}

type Issue = { readonly path: readonly PropertyKey[]; readonly message: string };

/** Validation issues (zod's) as field errors keyed by dotted path; an issue about the whole input goes under `rootKey`. */
export function toFieldErrors(issues: readonly Issue[], rootKey: string): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : rootKey;
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01",
  "57P03",
  "53300",
]);

/** True when an error means PostgreSQL could not be reached, as opposed to a query that failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as Record<string, unknown>;
    const code = record.code;
    if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) return true;
    const message = typeof record.message === "string" ? record.message : "";
    if (
      /Can't reach database|connect ECONNREFUSED|Connection terminated|timeout exceeded when trying to connect|Query read timeout|DatabaseNotReachable|ECONNREFUSED|the database system is (starting up|shutting down)/i.test(
        message,
      )
    )
      return true;
    current = record.cause ?? record.originalError;
  }
  return false;
}

/** Converts anything thrown into an AppError that is safe to show; unknown errors are logged, not shown. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    return new AppError("UNAVAILABLE", "The database is unavailable, so nothing was saved. Try again in a moment.");
  }
  const code = (error as { code?: unknown })?.code;
  if (code === "P2025") return new AppError("NOT_FOUND", "That record no longer exists.");
  if (code === "P2002") return new AppError("CONFLICT", "Something with the same unique value already exists.");
  console.error(error);
  return new AppError("INTERNAL", "Something went wrong on our side. Nothing was saved; try again.");
}
