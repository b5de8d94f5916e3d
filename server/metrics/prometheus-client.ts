import "server-only";
import { readConfig } from "@/server/config";
import { unsealSecret } from "@/server/notifications/sealed-secret";
import { PROMETHEUS_AUTHORIZATION_PURPOSE } from "@/server/services/metrics/manage-providers";

/** Where to send a query: a server speaking the Prometheus HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics). */
export type PrometheusTarget = { baseUrl: string; authorization: string | null; timeoutMs: number };

/** One value of the expression: Unix seconds and a finite number. */
export type PrometheusSample = { timestamp: number; value: number };

/**
 * What went wrong, in words an owner can act on. `kind` says whose side it is: "connection" (unreachable, refused,
 * timed out, an HTTP error before the API) or "query" (Prometheus refused the expression, or it gives no single series).
 */
export class PrometheusError extends Error {
  constructor(
    message: string,
    readonly kind: "connection" | "query",
  ) {
    super(message);
    this.name = "PrometheusError";
  }
}

const MAX_ANSWER_BYTES = 20 * 1024 * 1024;
const SHOWN_LABEL_SETS = 3;

/** A provider's target, its Authorization header unsealed with AUTH_SECRET. */
export function prometheusTarget(provider: { baseUrl: string | null; authorizationSealed: string | null }) {
  if (!provider.baseUrl)
    throw new PrometheusError(
      "The provider has no Prometheus address; enter the base URL of its HTTP API.",
      "connection",
    );
  return {
    baseUrl: provider.baseUrl,
    authorization: provider.authorizationSealed ? unsealAuthorization(provider.authorizationSealed) : null,
    timeoutMs: readConfig().PROMETHEUS_TIMEOUT_MS,
  } satisfies PrometheusTarget;
}

function unsealAuthorization(sealed: string): string {
  const secret = readConfig().AUTH_SECRET;
  const plain = secret ? unsealSecret(sealed, secret, PROMETHEUS_AUTHORIZATION_PURPOSE) : null;
  if (plain === null)
    throw new PrometheusError(
      "The stored Authorization header cannot be opened (AUTH_SECRET changed since it was saved); enter it again in the provider's settings.",
      "connection",
    );
  return plain;
}

/** The expression's one series from `start` to `end` (Unix seconds, inclusive), evaluated every `step` seconds. */
export async function queryPrometheusRange(
  target: PrometheusTarget,
  { query, start, end, step }: { query: string; start: number; end: number; step: number },
): Promise<PrometheusSample[]> {
  const data = await callApi(target, "/api/v1/query_range", {
    query,
    start: String(start),
    end: String(end),
    step: String(step),
  });
  if (data.resultType !== "matrix" || !Array.isArray(data.result))
    throw new PrometheusError(`Prometheus answered a range query with a ${String(data.resultType)}.`, "query");
  const series = oneSeries(data.result as RawSeries[], `between ${isoTime(start)} and ${isoTime(end)}`);
  return numericSamples(series.values ?? []);
}

/** The expression's value at `time` (Unix seconds; Prometheus's own clock when absent), or null when it is NaN or ±Inf. */
export async function queryPrometheusValue(
  target: PrometheusTarget,
  { query, time }: { query: string; time?: number },
): Promise<PrometheusSample | null> {
  const data = await callApi(target, "/api/v1/query", {
    query,
    ...(time !== undefined ? { time: String(time) } : {}),
  });
  if (data.resultType === "scalar") return numericSamples([data.result as RawValue])[0] ?? null;
  if (data.resultType !== "vector" || !Array.isArray(data.result))
    throw new PrometheusError(`The expression gives a ${String(data.resultType)}; it must give a number.`, "query");
  const series = oneSeries(data.result as RawSeries[], time === undefined ? "now" : `at ${isoTime(time)}`);
  return series.value ? (numericSamples([series.value])[0] ?? null) : null;
}

type RawValue = [number, string];
type RawSeries = { metric?: Record<string, string>; values?: RawValue[]; value?: RawValue };
type ApiEnvelope = {
  status?: string;
  data?: { resultType?: unknown; result?: unknown };
  errorType?: string;
  error?: string;
};

function oneSeries(result: RawSeries[], when: string): RawSeries {
  if (result.length === 0)
    throw new PrometheusError(
      `The expression returns no series ${when}; check the metric name and labels (a target that stopped reporting returns none).`,
      "query",
    );
  if (result.length > 1) {
    const shown = result.slice(0, SHOWN_LABEL_SETS).map((s) => labelSet(s.metric ?? {}));
    throw new PrometheusError(
      `The expression returns ${result.length} series (${shown.join(", ")}${result.length > SHOWN_LABEL_SETS ? ", …" : ""}); aggregate it to one, e.g. sum(...) or max(...).`,
      "query",
    );
  }
  return result[0];
}

function labelSet(metric: Record<string, string>): string {
  const { __name__: name = "", ...labels } = metric;
  return `${name}{${Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(", ")}}`;
}

/** NaN and ±Inf (a rate over no data, a division by zero) are skipped: the chart shows a gap, never a made-up number. */
function numericSamples(values: RawValue[]): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const [timestamp, text] of values) {
    const value = Number(text);
    if (typeof timestamp === "number" && Number.isFinite(timestamp) && Number.isFinite(value))
      samples.push({ timestamp, value });
  }
  return samples;
}

function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(".000Z", "Z");
}

async function callApi(target: PrometheusTarget, path: string, params: Record<string, string>) {
  const url = new URL(`${target.baseUrl.replace(/\/+$/, "")}${path}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  url.searchParams.set("timeout", `${Math.max(1, Math.ceil(target.timeoutMs / 1000))}s`);
  const where = `Prometheus at ${target.baseUrl}`;
  try {
    const response = await fetch(url, {
      headers: { Accept: "application/json", ...(target.authorization ? { Authorization: target.authorization } : {}) },
      signal: AbortSignal.timeout(target.timeoutMs),
      cache: "no-store",
    });
    const body = await readLimited(response, where);
    return interpretAnswer(response.status, response.statusText, body, where);
  } catch (error) {
    if (error instanceof PrometheusError) throw error;
    throw new PrometheusError(describeFetchFailure(error, where, target.timeoutMs), "connection");
  }
}

/** The answer's data, or its refusal in words: Prometheus's own `error` and `errorType` when it sent them. */
function interpretAnswer(status: number, statusText: string, body: string, where: string) {
  const envelope = parseEnvelope(body);
  if (envelope?.status === "error" || (status >= 400 && envelope?.error)) {
    const type = envelope.errorType ? `, ${envelope.errorType}` : "";
    const kind = status === 400 || status === 422 || envelope.errorType === "bad_data" ? "query" : "connection";
    const verb = kind === "query" ? "refused the query" : "could not run the query";
    throw new PrometheusError(`${where} ${verb} (HTTP ${status}${type}): ${envelope.error ?? "no reason given"}`, kind);
  }
  if (status < 200 || status >= 300)
    throw new PrometheusError(describeHttpStatus(status, statusText, where), "connection");
  if (envelope?.status !== "success" || !envelope.data)
    throw new PrometheusError(
      `${where} did not answer as the Prometheus HTTP API does; check that the address is the server's base URL (e.g. http://prometheus:9090, without /api/v1).`,
      "connection",
    );
  return envelope.data;
}

function parseEnvelope(body: string): ApiEnvelope | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" ? parsed : null;
  } catch {
    return null;
  }
}

async function readLimited(response: Response, where: string): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new PrometheusError(
        `${where} answered with more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB; the expression returns far more data than one series.`,
        "query",
      );
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function describeHttpStatus(status: number, statusText: string, where: string): string {
  const answered = `${where} answered HTTP ${status}${statusText ? ` ${statusText}` : ""}`;
  if (status === 401 || status === 403)
    return `${answered}; check the provider's Authorization header (a Bearer token or Basic credentials).`;
  if (status === 404)
    return `${answered}; check that the address is the base URL of the Prometheus HTTP API (e.g. http://prometheus:9090, without /api/v1).`;
  if (status === 429 || status >= 500) return `${answered}; it is overloaded or unavailable.`;
  return `${answered}.`;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "refused the connection; check that it is running and listening at that address",
  ECONNRESET: "closed the connection before answering",
  ENOTFOUND: "cannot be found: its host name does not resolve",
  EAI_AGAIN: "cannot be found right now: its host name did not resolve",
  EHOSTUNREACH: "cannot be reached: no route to its host",
  ENETUNREACH: "cannot be reached: no route to its network",
  ETIMEDOUT: "did not accept the connection in time",
  UND_ERR_SOCKET: "closed the connection before answering",
  CERT_HAS_EXPIRED: "presented an expired TLS certificate",
  DEPTH_ZERO_SELF_SIGNED_CERT: "presented a self-signed TLS certificate this server does not trust",
  SELF_SIGNED_CERT_IN_CHAIN: "presented a TLS certificate signed by an authority this server does not trust",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "presented a TLS certificate this server cannot verify",
  ERR_TLS_CERT_ALTNAME_INVALID: "presented a TLS certificate for another host name",
};

function describeFetchFailure(error: unknown, where: string, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `${where} did not answer within ${formatSeconds(timeoutMs)} (PROMETHEUS_TIMEOUT_MS); the query may be too heavy or the server overloaded.`;
  const code = networkCode(error);
  if (code && NETWORK_CODES[code]) return `${where} ${NETWORK_CODES[code]}.`;
  return `${where} cannot be reached${code ? ` (${code})` : ""}.`;
}

/** undici puts the system error in `cause`, and for a host with several addresses in `cause.errors`. */
function networkCode(error: unknown): string | undefined {
  const queue: unknown[] = [error];
  for (let i = 0; i < queue.length && i < 10; i++) {
    const current = queue[i];
    if (!current || typeof current !== "object") continue;
    const record = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === "string" && record.code !== "UND_ERR_CONNECT_TIMEOUT") return record.code;
    if (record.code === "UND_ERR_CONNECT_TIMEOUT") return "ETIMEDOUT";
    if (record.cause) queue.push(record.cause);
    if (Array.isArray(record.errors)) queue.push(...(record.errors as unknown[]));
  }
  return undefined;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
