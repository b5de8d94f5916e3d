import "server-only";
import qs from "qs";
import { authenticateApiKeyToken, type ApiKeyActor } from "@/server/auth/api-key";
import { AppError, invalidFields } from "@/server/errors";
import { readBodyText } from "@/server/http/read-body";
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from "@/lib/unsafe-text";
import { findTooDeep, MAX_INPUT_DEPTH, TOO_DEEP_MESSAGE } from "@/lib/nesting-depth";

export const MAX_BODY_BYTES = 256 * 1024;

/** The key from `Authorization: OAuth <key>`, `Authorization: Bearer <key>` or `?api_key=<key>`. */
export function readApiKey(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^(?:OAuth|Bearer|Token)\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : null;
  }
  return new URL(request.url).searchParams.get("api_key");
}

/** Statuspage answers every refused key with `Could not authenticate`; the reason travels along for the short forms. */
export async function authenticate(request: Request): Promise<ApiKeyActor> {
  const token = readApiKey(request);
  if (!token)
    throw new AppError(
      "UNAUTHORIZED",
      "Send an API key as `Authorization: OAuth <key>`, `Authorization: Bearer <key>` or `?api_key=<key>`.",
    );
  return authenticateApiKeyToken(token);
}

/** Rails-style brackets, as Statuspage reads them: `incident[components][abc]=major_outage`, `incident[component_ids][]=abc`. */
export function parseRailsParams(text: string): Record<string, unknown> {
  return qs.parse(text, { depth: 5, arrayLimit: 500, parameterLimit: 2_000, allowPrototypes: false });
}

/** The request's parameters: the query string (without the key) overlaid by a JSON or form-encoded body. */
export async function readParams(request: Request): Promise<Record<string, unknown>> {
  const url = new URL(request.url);
  url.searchParams.delete("api_key");
  const fromQuery = parseRailsParams(url.search.slice(1));
  const params = await readBodyParams(request, fromQuery);
  refuseDeepNesting(params);
  refuseUnsafeText(params);
  return params;
}

const MALFORMED_JSON = { reason: "malformed_json" };

async function readBodyParams(request: Request, fromQuery: Record<string, unknown>): Promise<Record<string, unknown>> {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text.trim() === "") return fromQuery;
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return { ...fromQuery, ...parseRailsParams(text) };
  if (type === "application/json" || type === "" || type.endsWith("+json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError("INVALID_REQUEST", "The request body is not valid JSON.", undefined, MALFORMED_JSON);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      throw new AppError("INVALID_REQUEST", "The request body must be a JSON object.", undefined, MALFORMED_JSON);
    return { ...fromQuery, ...(parsed as Record<string, unknown>) };
  }
  throw new AppError(
    "UNSUPPORTED_MEDIA_TYPE",
    "Send the body as application/json or application/x-www-form-urlencoded.",
  );
}

const WRAPPERS = new Set([
  "incident",
  "component",
  "component_group",
  "subscriber",
  "incident_update",
  "postmortem",
  "template",
  "page",
  "metric",
  "metrics_provider",
]);

/** A path's field name as validation reports it, without the resource's key: `incident.name` → `name`. */
function fieldPath(path: string[]): string[] {
  return WRAPPERS.has(path[0]) && path.length > 1 ? path.slice(1) : path;
}

/** Text PostgreSQL cannot hold (NUL, control characters) is refused up front with 422, naming each field as validation does. */
export function refuseUnsafeText(params: Record<string, unknown>): void {
  const paths = findUnsafeText(params);
  if (paths.length === 0) return;
  throw invalidFields(
    Object.fromEntries(paths.map((path) => [fieldPath(path.split(".")).join("."), [UNSAFE_TEXT_MESSAGE]])),
  );
}

/** Bodies nested beyond any field's need are refused before anything walks them (hashing, validation, storage). */
function refuseDeepNesting(params: Record<string, unknown>): void {
  const path = findTooDeep(params, MAX_INPUT_DEPTH);
  if (!path) return;
  throw invalidFields({ [fieldPath(path)[0]]: [TOO_DEEP_MESSAGE] });
}

/** The object under a resource's key (`{"incident": {…}}`), or an empty object when the key is absent. */
export function wrapped(params: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = params[key];
  if (value === undefined || value === "") return {};
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new AppError("INVALID_REQUEST", `"${key}" must be an object, as in {"${key}": {…}}.`);
  return value as Record<string, unknown>;
}
