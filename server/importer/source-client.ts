import "server-only";

export class ImportSourceError extends Error {}

export type SourceClientOptions = {
  baseUrl: string;
  apiKey?: string;
  /** First backoff after a 5xx or a network error; doubles on every retry. */
  retryBaseMs?: number;
  maxRetries?: number;
  /** Longest wait honoured from a Retry-After header. */
  maxRetryAfterMs?: number;
  onWait?: (reason: string, ms: number) => void;
  timeoutMs?: number;
};

export type SourceClient = ReturnType<typeof createSourceClient>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? fallback : Math.max(0, at - Date.now());
}

/**
 * GETs JSON from a Statuspage-compatible API: honours 429/420 with Retry-After, retries 5xx and network errors with
 * exponential backoff, and follows page-numbered lists to their end (a short page), as Statuspage sends no Link header.
 */
export function createSourceClient(options: SourceClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, "");
  const retryBase = options.retryBaseMs ?? 1_000;
  const maxRetries = options.maxRetries ?? 6;
  const maxRetryAfter = options.maxRetryAfterMs ?? 120_000;
  let requests = 0;

  async function getJson(
    path: string,
    params: Record<string, string | number> = {},
    optional = false,
  ): Promise<unknown> {
    const url = new URL(`${base}/${path.replace(/^\/+/, "")}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
    let failures = 0;
    for (;;) {
      let response: Response;
      try {
        requests++;
        response = await fetch(url, {
          headers: {
            Accept: "application/json",
            ...(options.apiKey ? { Authorization: `OAuth ${options.apiKey}` } : {}),
          },
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        if (++failures > maxRetries)
          throw new ImportSourceError(`Could not reach ${url.origin}: ${(error as Error).message}`);
        const wait = retryBase * 2 ** (failures - 1);
        options.onWait?.(`network error (${(error as Error).message})`, wait);
        await sleep(wait);
        continue;
      }
      if (response.status === 429 || response.status === 420) {
        await response.body?.cancel();
        if (++failures > maxRetries * 3)
          throw new ImportSourceError(`${url.pathname} kept answering ${response.status} (rate limited).`);
        const wait = Math.min(maxRetryAfter, retryAfterMs(response.headers.get("retry-after"), retryBase));
        options.onWait?.(`rate limited (${response.status})`, wait);
        await sleep(wait);
        continue;
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        if (++failures > maxRetries)
          throw new ImportSourceError(`${url.pathname} failed with ${response.status} after ${maxRetries} retries.`);
        const wait = retryBase * 2 ** (failures - 1);
        options.onWait?.(`server error ${response.status}`, wait);
        await sleep(wait);
        continue;
      }
      if (response.status === 401 || response.status === 403) throw await refusedKeyError(url, response);
      if (response.status === 404 && optional) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) {
        const text = (await response.text()).slice(0, 200);
        throw new ImportSourceError(`${url.pathname} answered ${response.status}: ${text}`);
      }
      try {
        return await response.json();
      } catch {
        throw new ImportSourceError(`${url.pathname} did not answer JSON.`);
      }
    }
  }

  /** Every item of a page-numbered list; `onPage` hears the running count. */
  async function getAll(
    path: string,
    paging: { sizeParam: "per_page" | "limit"; size: number; firstPage: 0 | 1; extra?: Record<string, string> },
    onPage?: (count: number) => void,
    optional = false,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    const seen = new Set<string>();
    for (let page = paging.firstPage; ; page++) {
      const batch = await getJson(path, { ...paging.extra, page, [paging.sizeParam]: paging.size }, optional);
      if (batch === null) return items;
      if (!Array.isArray(batch)) throw new ImportSourceError(`${path} did not answer a list.`);
      let fresh = 0;
      for (const item of batch) {
        const id = (item as { id?: unknown })?.id;
        if (typeof id === "string" && seen.has(id)) continue;
        if (typeof id === "string") seen.add(id);
        items.push(item);
        fresh++;
      }
      onPage?.(items.length);
      // A short page ends the list; a page of only repeats means the server ignores paging.
      if (batch.length < paging.size || fresh === 0) return items;
    }
  }

  return { getJson, getAll, requestCount: () => requests };
}

/** 401: the key itself was not accepted. 403: it was, but may not read this path; the source's own words say why. */
async function refusedKeyError(url: URL, response: Response): Promise<ImportSourceError> {
  const said = (await response.text().catch(() => "")).replace(/\s+/g, " ").trim().slice(0, 200);
  const answer = `${url.pathname} answered ${response.status}${said ? `: ${said}` : ""}`;
  return new ImportSourceError(
    response.status === 401
      ? `The source did not accept the API key (${answer}). On Statuspage, copy a key from your profile → API info; on another install of this status page, create one in its console (People & access → API keys). Pass it with --api-key.`
      : `The API key was accepted but may not read this (${answer}). The importer reads subscribers too: on another install of this status page use a Responder key; on Statuspage, a key of a user who can manage the page.`,
  );
}
