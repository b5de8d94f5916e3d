import { serveApiV1 } from "@/tests/api/management/api-v1-router";

export type CallOptions = {
  method?: string;
  auth?: "oauth" | "bearer" | "query" | "none";
  key?: string;
  json?: unknown;
  form?: string;
  raw?: string;
  query?: string;
};

/** Calls the management API as `next start` serves it (proxy, then the route Next picks), for `/api/v1/pages/<path>`. */
export async function callManagement(path: string, options: CallOptions = {}) {
  return callApiV1(`pages${path ? `/${path}` : ""}`, options);
}

/** Calls any path under /api/v1 (`pages.json`, `incidents/<id>`…) as `next start` serves it. */
export async function callApiV1(path: string, options: CallOptions = {}) {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {};
  const auth = options.auth ?? "oauth";
  if (options.key && auth === "oauth") headers.authorization = `OAuth ${options.key}`;
  if (options.key && auth === "bearer") headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    headers["content-type"] = "application/json";
    body = options.raw;
  } else if (options.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = options.form;
  }
  const search = new URLSearchParams(options.query ?? "");
  if (options.key && auth === "query") search.set("api_key", options.key);
  const qs = search.toString();
  const url = `http://status.test/api/v1/${path}${qs ? `?${qs}` : ""}`;
  const response = await serveApiV1(new Request(url, { method, headers, body }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}
