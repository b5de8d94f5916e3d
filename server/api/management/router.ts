import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { authorize } from "@/server/services/context";
import type { ApiKeyActor } from "@/server/auth/api-key";
import { pageBaseUrl } from "@/server/api/statuspage-serializers";
import { readManagedPage } from "@/server/queries/management-reads";
import { ManagementError, NO_STORE, errorResponse } from "@/server/api/management/errors";
import { authenticate, readParams, refuseNulBytes } from "@/server/api/management/request";
import { takeRateLimit } from "@/server/api/management/rate-limit";
import { publicPageId, serializeManagedPage, type PageRef } from "@/server/api/management/serialize";
import type { Role } from "@/lib/status";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type EndpointArgs = {
  actor: ApiKeyActor;
  params: Record<string, string>;
  input: Record<string, unknown>;
  query: URLSearchParams;
  db: DbOrTx;
  page: PageRef;
};

/** `afterCommit` runs once the transaction committed, for side effects that must not precede it (emails). */
export type EndpointResult = { status: number; body?: unknown; tags?: string[]; afterCommit?: () => Promise<void> };

export type Endpoint = {
  method: Method | Method[];
  path: string;
  role: Role;
  run: (args: EndpointArgs) => Promise<EndpointResult>;
};

/** Resources of Statuspage's API that this product does not have: answered 501 with a sentence, never a silent success. */
const UNSUPPORTED: Record<string, string> = {
  page_access_users: "Audience-specific pages (page access users) are not supported by this status page.",
  page_access_groups: "Audience-specific pages (page access groups) are not supported by this status page.",
  metrics: "System metrics are not supported by this status page.",
  metrics_providers: "System metrics are not supported by this status page.",
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

function methodsOf(endpoint: Endpoint): Method[] {
  return Array.isArray(endpoint.method) ? endpoint.method : [endpoint.method];
}

/**
 * Serves `/api/v1/pages/…` as api.statuspage.io/v1 does: key → rate limit → page id → endpoint (writes in one
 * transaction, then exactly the touched cache tags are invalidated). A trailing `.json`, as in old docs, is accepted.
 */
export function managementDispatcher(endpoints: Endpoint[]) {
  return async (request: Request, context: { params: Promise<{ resourcePath?: string[] }> }): Promise<Response> => {
    try {
      const actor = await authenticate(request);
      await takeRateLimit(actor);
      const method = request.method.toUpperCase() as Method;
      const raw = (await context.params).resourcePath ?? [];
      const segments = raw.map((s, i) => (i === raw.length - 1 ? s.replace(/\.json$/, "") : s));
      const page = await readManagedPage(getDb());
      if (!page) throw new ManagementError(404, "The status page has not been set up yet: open /admin/setup.");
      const baseUrl = pageBaseUrl(page);
      if (segments.length === 0) {
        if (method !== "GET") throw new ManagementError(405, "Only GET is allowed on /pages.");
        authorize(actor, "viewer");
        return Response.json([serializeManagedPage(page, baseUrl)], { headers: NO_STORE });
      }
      const pageId = publicPageId(page);
      if (segments[0] !== page.id && segments[0] !== page.statuspagePageId) {
        throw new ManagementError(404, `The requested page could not be found: this server's page id is ${pageId}.`);
      }
      const rest = segments.slice(1);
      if (rest[0] && UNSUPPORTED[rest[0]]) throw new ManagementError(501, UNSUPPORTED[rest[0]]);
      const matching = endpoints.map((e) => ({ endpoint: e, params: matchPath(e.path, rest) })).filter((m) => m.params);
      if (matching.length === 0) throw new ManagementError(404, `There is no resource at ${["/pages", ...segments].join("/")}.`);
      const literalFirst = matching.sort((a, b) => Object.keys(a.params!).length - Object.keys(b.params!).length);
      const found = literalFirst.find((m) => methodsOf(m.endpoint).includes(method));
      if (!found) {
        const allowed = matching.flatMap((m) => methodsOf(m.endpoint)).join(", ");
        throw new ManagementError(405, `${method} is not allowed here; use ${allowed}.`, { Allow: allowed });
      }
      authorize(actor, found.endpoint.role);
      const query = new URL(request.url).searchParams;
      refuseNulBytes(Object.fromEntries(query));
      const pageRef = { id: pageId, baseUrl };
      if (method === "GET") {
        const result = await found.endpoint.run({ actor, params: found.params!, input: {}, query, db: getDb(), page: pageRef });
        return respond(result);
      }
      const input = await readParams(request);
      const result = await getDb().$transaction((tx) => found.endpoint.run({ actor, params: found.params!, input, query, db: tx, page: pageRef }), {
        timeout: 20_000,
        maxWait: 5_000,
      });
      invalidateTags([...new Set(result.tags ?? [])]);
      await result.afterCommit?.();
      return respond(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function respond(result: EndpointResult): Response {
  if (result.status === 204) return new Response(null, { status: 204, headers: NO_STORE });
  return Response.json(result.body ?? null, { status: result.status, headers: NO_STORE });
}
