import "server-only";

export type AppErrorCode =
  "NOT_FOUND" | "FORBIDDEN" | "UNAUTHORIZED" | "CONFLICT" | "VALIDATION" | "RATE_LIMITED" | "UNAVAILABLE" | "INTERNAL";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: AppErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
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

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

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
