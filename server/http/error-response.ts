import "server-only";
import { FIELD_ERRORS_SUMMARY, renameFieldHeads, toAppError, type AppError, type FieldErrors } from "@/server/errors";

/**
 * How an API writes a refusal. `statuspage`, as Statuspage's clients parse it: `{"error": "<sentence>"}`, or
 * `{"error": {"<field>": ["<message>", …]}}` for invalid fields. `ours`: `{"error": {"code", "message", "fields"?}}`.
 */
export type ErrorDialect = "statuspage" | "ours";

export const NO_STORE = { "Cache-Control": "no-store" };

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Field names as the APIs spell them (snake_case); `renames` maps a service's name to a different API name. */
export function apiFieldErrors(fieldErrors: FieldErrors, renames: Record<string, string> = {}): FieldErrors {
  return renameFieldHeads(fieldErrors, (head) => renames[head] ?? snake(head));
}

/** A validation refusal that names no field (and has no reason of its own) is about the whole record: `base`, as in Rails. */
function fieldsOf(refusal: AppError): FieldErrors | undefined {
  if (refusal.fieldErrors) return apiFieldErrors(refusal.fieldErrors);
  if (refusal.code === "VALIDATION" && !refusal.reason) return { base: [refusal.message] };
  return undefined;
}

/** Anything thrown, answered as a refusal in the dialect, never cached; unknown errors are logged, never shown. */
export function errorResponse(error: unknown, dialect: ErrorDialect, headers: Record<string, string> = {}): Response {
  const refusal = toAppError(error);
  const fields = fieldsOf(refusal);
  const responseHeaders: Record<string, string> = { ...NO_STORE, ...refusal.headers, ...headers };
  if (dialect === "statuspage") {
    // Statuspage answers every refused key with the same sentence; only our dialect says why.
    const body = refusal.code === "UNAUTHORIZED" ? "Could not authenticate" : (fields ?? refusal.message);
    return Response.json({ error: body }, { status: refusal.status, headers: responseHeaders });
  }
  if (refusal.code === "UNAUTHORIZED") responseHeaders["WWW-Authenticate"] = 'Bearer realm="api"';
  const message = refusal.code === "VALIDATION" && fields ? FIELD_ERRORS_SUMMARY : refusal.message;
  const code = refusal.reason ?? refusal.code.toLowerCase();
  return Response.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status: refusal.status, headers: responseHeaders },
  );
}
