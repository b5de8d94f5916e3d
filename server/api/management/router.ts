import "server-only";
import type { z } from "zod";
import { authorize, inTransaction, readWith, type ServiceContext } from "@/server/services/context";
import {
  hashRequest,
  isValidIdempotencyKey,
  rememberIdempotentResponse,
  replayIdempotentRequest,
} from "@/server/services/idempotency";
import type { ApiKeyActor } from "@/server/auth/api-key";
import { pageBaseUrl } from "@/server/api/statuspage-serializers";
import { readManagedPage, type ManagedPage } from "@/server/queries/management-reads";
import { AppError } from "@/server/errors";
import { NO_STORE, errorResponse, type ErrorDialect } from "@/server/http/error-response";
import { authenticate, readParams, refuseUnsafeText } from "@/server/api/management/request";
import { takeRateLimit } from "@/server/api/management/rate-limit";
import { publicPageId, serializeManagedPage, type PageRef } from "@/server/api/management/serialize";
import type { Role } from "@/lib/status";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type Db = NonNullable<ServiceContext["db"]>;

export type EndpointArgs = {
  actor: ApiKeyActor;
  params: Record<string, string>;
  input: Record<string, unknown>;
  query: URLSearchParams;
  db: Db;
  page: PageRef;
};

/**
 * `afterCommit` runs once the transaction committed, for side effects that must not precede it (emails).
 * `updateId` names the incident update a write posted, for answers that show it.
 */
export type EndpointResult = {
  status: number;
  body?: unknown;
  tags?: string[];
  afterCommit?: () => Promise<void>;
  updateId?: string;
};

/** A schema name from the OpenAPI components, a list of it, `null` for no body, or an envelope of those. */
export type ResponseDoc = string | [string] | null | { [key: string]: string | [string] | null };

/** What the OpenAPI description says of an endpoint: its answer, and the request fields (under `wrapper`) and query. */
export type EndpointDoc = {
  status: number;
  response: ResponseDoc;
  request?: { wrapper?: string; fields: z.ZodType };
  query?: string[];
  summary: string;
};

export type Endpoint = {
  method: Method | Method[];
  path: string;
  role: Role;
  run: (args: EndpointArgs) => Promise<EndpointResult>;
  doc: EndpointDoc;
  /** false for a POST that writes nothing here and waits on another system (a chat test message): no transaction. */
  transaction?: false;
};

export function methodsOf(endpoint: Endpoint): Method[] {
  return Array.isArray(endpoint.method) ? endpoint.method : [endpoint.method];
}

type Resolved = { endpoint: Endpoint; params: Record<string, string> } | { response: Response };

/**
 * The one way every API request under /api/v1 is served, Statuspage's paths and the short forms alike:
 * key → rate limit → page → endpoint and role → parameters → the endpoint, writes in one transaction with their
 * Idempotency-Key record and the notice of exactly the touched cache tags → side effects after commit.
 */
export async function serveApiRequest(
  request: Request,
  dialect: ErrorDialect,
  resolve: (page: ManagedPage, actor: ApiKeyActor) => Promise<Resolved> | Resolved,
): Promise<Response> {
  try {
    const actor = await authenticate(request);
    await takeRateLimit(actor);
    const page = await readWith({ actor }, readManagedPage);
    if (!page) throw new AppError("NOT_FOUND", "The status page has not been set up yet: open /admin/setup.");
    const resolved = await resolve(page, actor);
    if ("response" in resolved) return resolved.response;
    const { endpoint, params } = resolved;
    authorize(actor, endpoint.role);
    const url = new URL(request.url);
    const query = url.searchParams;
    refuseUnsafeText({ ...params, ...Object.fromEntries(query) });
    const pageRef = { id: publicPageId(page), baseUrl: pageBaseUrl(page) };
    const method = request.method.toUpperCase();
    if (method === "GET" || endpoint.transaction === false) {
      const input = method === "GET" ? {} : await readParams(request);
      const result = await readWith({ actor }, (db) =>
        endpoint.run({ actor, params, input, query, db, page: pageRef }),
      );
      return respond(result.status, JSON.stringify(result.body ?? null));
    }
    const input = await readParams(request);
    const key = request.headers.get("idempotency-key");
    if (key !== null && !isValidIdempotencyKey(key)) {
      throw new AppError("INVALID_REQUEST", "Idempotency-Key must be 1 to 255 visible ASCII characters.", undefined, {
        reason: "invalid_idempotency_key",
      });
    }
    const claim =
      key === null ? null : { apiKeyId: actor.apiKeyId, key, requestHash: hashRequest(method, url.pathname, input) };
    const outcome = await inTransaction({ actor }, async (tx) => {
      const replay = claim ? await replayIdempotentRequest(tx, claim) : null;
      if (replay) return { ...replay, replayed: true, result: null, tags: [] };
      const result = await endpoint.run({ actor, params, input, query, db: tx, page: pageRef });
      const text = result.status === 204 || result.body === undefined ? "" : JSON.stringify(result.body);
      if (claim) await rememberIdempotentResponse(tx, claim, { status: result.status, text });
      return { status: result.status, text, replayed: false, result, tags: result.tags ?? [] };
    });
    await outcome.result?.afterCommit?.();
    return respond(outcome.status, outcome.text, outcome.replayed);
  } catch (error) {
    return errorResponse(error, dialect);
  }
}

function respond(status: number, text: string, replayed = false): Response {
  const headers: Record<string, string> = { ...NO_STORE, ...(replayed ? { "Idempotent-Replayed": "true" } : {}) };
  if (status === 204) return new Response(null, { status, headers });
  return new Response(text || "null", { status, headers: { ...headers, "Content-Type": "application/json" } });
}

/** Resources of Statuspage's API that this product does not have: answered 501 with a sentence, never a silent success. */
export const UNSUPPORTED_RESOURCES: Record<string, string> = {
  page_access_users: "Audience-specific pages (page access users) are not supported by this status page.",
  page_access_groups: "Audience-specific pages (page access groups) are not supported by this status page.",
  status_embed_config: "The status embed is configured in the console (/admin); it has no API here.",
};

function matchPath(pattern: string, segments: string[]): Record<string, string> | null {
  if (pattern === "") return segments.length === 0 ? {} : null;
  const parts = pattern.split("/");
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(":")) params[parts[i].slice(1)] = segments[i];
    else if (parts[i] !== segments[i]) return null;
  }
  return params;
}

/** The endpoint for a method and path, or 404/405 saying what exists. */
export function findEndpoint(
  endpoints: Endpoint[],
  method: string,
  segments: string[],
  shownPath: string,
): { endpoint: Endpoint; params: Record<string, string> } {
  const matching = endpoints.map((e) => ({ endpoint: e, params: matchPath(e.path, segments) })).filter((m) => m.params);
  if (matching.length === 0) throw new AppError("NOT_FOUND", `There is no resource at ${shownPath}.`);
  const literalFirst = matching.sort((a, b) => Object.keys(a.params!).length - Object.keys(b.params!).length);
  const found = literalFirst.find((m) => methodsOf(m.endpoint).includes(method as Method));
  if (!found) {
    const allowed = [...new Set(matching.flatMap((m) => methodsOf(m.endpoint)))].join(", ");
    throw new AppError("METHOD_NOT_ALLOWED", `${method} is not allowed here; use ${allowed}.`, undefined, {
      headers: { Allow: allowed },
    });
  }
  return { endpoint: found.endpoint, params: found.params! };
}

/** Serves `/api/v1/pages/…` as api.statuspage.io/v1 does. proxy.ts has already dropped a trailing `.json`. */
export function managementDispatcher(endpoints: Endpoint[]) {
  return async (request: Request, context: { params: Promise<{ resourcePath?: string[] }> }): Promise<Response> => {
    const segments = (await context.params).resourcePath ?? [];
    const method = request.method.toUpperCase();
    return serveApiRequest(request, "statuspage", (page, actor) => {
      if (segments.length === 0) {
        if (method !== "GET")
          throw new AppError("METHOD_NOT_ALLOWED", "Only GET is allowed on /pages.", undefined, {
            headers: { Allow: "GET" },
          });
        authorize(actor, "viewer");
        return { response: Response.json([serializeManagedPage(page, pageBaseUrl(page))], { headers: NO_STORE }) };
      }
      if (segments[0] !== page.id && segments[0] !== page.statuspagePageId) {
        throw new AppError(
          "NOT_FOUND",
          `The requested page could not be found: this server's page id is ${publicPageId(page)}.`,
        );
      }
      const rest = segments.slice(1);
      if (rest[0] && UNSUPPORTED_RESOURCES[rest[0]])
        throw new AppError("NOT_SUPPORTED", UNSUPPORTED_RESOURCES[rest[0]]);
      return findEndpoint(endpoints, method, rest, ["/pages", ...segments].join("/"));
    });
  };
}
