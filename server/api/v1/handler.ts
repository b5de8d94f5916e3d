import "server-only";
import { createHash } from "node:crypto";
import { type z } from "zod";
import { getDb, type DbOrTx } from "@/server/db/client";
import { inWriteTransaction } from "@/server/db/write-transaction";
import { AppError, HTTP_STATUS, toAppError, type FieldErrors } from "@/server/errors";
import { authorize } from "@/server/services/context";
import { rejectUnsafeText } from "@/server/services/validation";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { authenticateApiKey, type ApiKeyActor } from "@/server/auth/api-key";
import type { Role } from "@/lib/status";

export const MAX_BODY_BYTES = 256 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

/** A refusal that is not one of the services' AppErrors: malformed requests, oversized bodies, reused keys. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export type ApiResult = { status: number; body: unknown; tags?: string[] };

export type V1Args<P> = {
  request: Request;
  actor: ApiKeyActor;
  params: P;
  body: Record<string, unknown>;
  db: DbOrTx;
  origin: string;
};

type RouteContext<P> = { params: Promise<P> };

const NO_STORE = { "Cache-Control": "no-store" };

function errorResponse(status: number, code: string, message: string, fields?: FieldErrors, headers: Record<string, string> = {}) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers: { ...NO_STORE, ...headers } });
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiRequestError) return errorResponse(error.status, error.code, error.message, error.fields);
  const appError = toAppError(error);
  const headers: Record<string, string> = appError.code === "UNAUTHORIZED" ? { "WWW-Authenticate": 'Bearer realm="api"' } : {};
  return errorResponse(HTTP_STATUS[appError.code], appError.code.toLowerCase(), appError.message, appError.fieldErrors, headers);
}

async function readBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge() {
  return new ApiRequestError(413, "payload_too_large", `The request body must be at most ${MAX_BODY_BYTES / 1024} KB.`);
}

function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiRequestError(400, "malformed_json", "The request body is not valid JSON.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ApiRequestError(400, "malformed_json", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** Parses a request's fields; every problem is reported under the field's name with 400. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "body";
    (fields[key] ??= []).push(issue.message);
  }
  throw new ApiRequestError(400, "invalid_request", "Some fields are missing or have the wrong type.", fields);
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Runs a service, reporting its field errors under the API's snake_case names (with optional renames). */
export async function callService<T>(work: Promise<T>, renames: Record<string, string> = {}): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors) {
      const fields: FieldErrors = {};
      for (const [key, messages] of Object.entries(error.fieldErrors)) {
        const [head, ...rest] = key.split(".");
        const name = [renames[head] ?? snake(head), ...rest].join(".");
        (fields[name] ??= []).push(...messages);
      }
      throw new AppError(error.code, error.message, fields);
    }
    throw error;
  }
}

/** JSON with object keys sorted at every level: the same request however its whitespace and key order were written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The first response's exact text; rows stored before it was kept as text hold the parsed JSON instead. */
function storedResponseText(stored: unknown): string {
  return typeof stored === "string" ? stored : JSON.stringify(stored);
}

function idempotencyLockKey(apiKeyId: string, key: string) {
  return `idempotency:${apiKeyId}:${key}`;
}

/**
 * One authenticated v1 endpoint: Bearer key → role → body (≤ 256 KB, JSON object) → `run` inside one transaction.
 * With an Idempotency-Key, the first successful response is stored in that same transaction and replayed
 * for a retry with the same body; a different body under the same key is refused with 422.
 */
export function v1Route<P = Record<string, never>>(
  options: { role: Role; mutation: boolean },
  run: (args: V1Args<P>) => Promise<ApiResult>,
) {
  return async (request: Request, context?: RouteContext<P>): Promise<Response> => {
    try {
      const actor = await authenticateApiKey(request);
      authorize(actor, options.role);
      const params = (context ? await context.params : {}) as P;
      await callService(Promise.resolve().then(() => rejectUnsafeText(params)));
      const origin = new URL(request.url).origin;
      if (!options.mutation) {
        const result = await run({ request, actor, params, body: {}, db: getDb(), origin });
        return Response.json(result.body, { status: result.status, headers: NO_STORE });
      }
      const raw = await readBody(request);
      const body = parseJsonObject(raw);
      await callService(Promise.resolve().then(() => rejectUnsafeText(body)));
      const key = request.headers.get("idempotency-key");
      if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
        throw new ApiRequestError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 visible ASCII characters.");
      }
      const requestHash = createHash("sha256").update(`${request.method} ${new URL(request.url).pathname}\n${canonicalJson(body)}`).digest("hex");
      const outcome = await inWriteTransaction(
        getDb(),
        async (tx) => {
          if (key !== null) {
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${idempotencyLockKey(actor.apiKeyId, key)}, 0))`;
            const stored = await tx.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: actor.apiKeyId, key } } });
            if (stored && stored.createdAt.getTime() >= Date.now() - IDEMPOTENCY_TTL_MS) {
              if (stored.requestHash !== requestHash) {
                throw new ApiRequestError(422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request.");
              }
              return { replayed: true, status: stored.responseStatus, text: storedResponseText(stored.responseBody), tags: [] as string[] };
            }
          }
          const result = await run({ request, actor, params, body, db: tx, origin });
          const text = JSON.stringify(result.body);
          if (key !== null) {
            await tx.idempotencyRecord.deleteMany({ where: { apiKeyId: actor.apiKeyId, createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } } });
            await tx.idempotencyRecord.create({
              data: { apiKeyId: actor.apiKeyId, key, requestHash, responseStatus: result.status, responseBody: text },
            });
          }
          return { replayed: false, status: result.status, text, tags: result.tags ?? [] };
        },
      );
      invalidateTags([...new Set(outcome.tags)]);
      return new Response(outcome.text, {
        status: outcome.status,
        headers: { "Content-Type": "application/json", ...NO_STORE, ...(outcome.replayed ? { "Idempotent-Replayed": "true" } : {}) },
      });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
