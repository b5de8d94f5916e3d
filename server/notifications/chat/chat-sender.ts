import "server-only";
import http from "node:http";
import https from "node:https";
import {
  assertAllowedTarget,
  guardedLookup,
  WebhookTargetError,
  type TargetPolicy,
} from "@/server/notifications/target-guard";

export const CHAT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 16 * 1024;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

export type ChatSendResult = {
  ok: boolean;
  statusCode?: number;
  error?: string;
  /** The channel is gone or refused for good (deleted webhook, private address): disable it. */
  permanent?: boolean;
  /** How long the platform asked us to wait (429 Retry-After, or Discord's `retry_after`). */
  retryAfterMs?: number;
};

/** Retry-After in seconds or as an HTTP date; Discord also puts `retry_after` (seconds) in its JSON body. */
export function parseRetryAfter(
  header: string | string[] | undefined,
  body: string,
  now = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  let ms: number | undefined;
  if (value && /^\s*\d+(\.\d+)?\s*$/.test(value)) ms = Number(value) * 1000;
  else if (value && !Number.isNaN(Date.parse(value))) ms = Date.parse(value) - now;
  if (ms === undefined) {
    try {
      const parsed = JSON.parse(body) as { retry_after?: unknown };
      if (typeof parsed.retry_after === "number") ms = parsed.retry_after * 1000;
    } catch {
      // not JSON: no hint
    }
  }
  return ms === undefined ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(1000, Math.ceil(ms)));
}

function describeFailure(statusCode: number, body: string): { error: string; permanent: boolean } {
  const detail = body.replace(/\s+/g, " ").trim().slice(0, 200);
  const suffix = detail ? `: ${detail}` : "";
  if (statusCode === 404 || statusCode === 410)
    return { error: `HTTP ${statusCode}${suffix} (the webhook was deleted or its channel archived)`, permanent: true };
  if (statusCode === 401 || statusCode === 403)
    return { error: `HTTP ${statusCode}${suffix} (the webhook refuses this sender)`, permanent: true };
  return { error: `HTTP ${statusCode}${suffix}`, permanent: false };
}

/** POSTs a JSON body to a chat webhook; only 2xx counts, redirects and non-public targets are refused. */
export async function postChatWebhook(request: {
  url: string;
  body: string;
  policy: TargetPolicy;
  deliveryId?: string;
  timeoutMs?: number;
}): Promise<ChatSendResult> {
  let url: URL;
  try {
    url = await assertAllowedTarget(request.url, request.policy);
  } catch (error) {
    if (error instanceof WebhookTargetError)
      return { ok: false, error: error.message, permanent: !/could not be resolved/.test(error.message) };
    throw error;
  }
  const transport = url.protocol === "https:" ? https : http;
  const timeoutMs = request.timeoutMs ?? CHAT_TIMEOUT_MS;
  return new Promise<ChatSendResult>((resolve) => {
    let settled = false;
    const finish = (result: ChatSendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = transport.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup(url.protocol, request.policy),
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Length": Buffer.byteLength(request.body),
          "User-Agent": "statuspage-chat/1.0",
          ...(request.deliveryId ? { "X-Statuspage-Delivery-Id": request.deliveryId } : {}),
        },
      },
      (res) => {
        const statusCode = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let received = 0;
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) res.destroy();
          else chunks.push(chunk);
        });
        const done = () => {
          const body = Buffer.concat(chunks).toString("utf8");
          if (statusCode >= 200 && statusCode < 300) return finish({ ok: true, statusCode });
          if (statusCode >= 300 && statusCode < 400)
            return finish({ ok: false, statusCode, error: "The webhook answered with a redirect, which is refused." });
          if (statusCode === 429)
            return finish({
              ok: false,
              statusCode,
              error: "HTTP 429: rate limited",
              retryAfterMs: parseRetryAfter(res.headers["retry-after"], body) ?? 30_000,
            });
          const failure = describeFailure(statusCode, body);
          const retryAfterMs = statusCode === 503 ? parseRetryAfter(res.headers["retry-after"], "") : undefined;
          finish({ ok: false, statusCode, ...failure, ...(retryAfterMs ? { retryAfterMs } : {}) });
        };
        res.on("end", done);
        res.on("close", done);
        res.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, error: `No response within ${Math.round(timeoutMs / 1000)} s.` });
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof WebhookTargetError) finish({ ok: false, error: error.message, permanent: true });
      else finish({ ok: false, error: error.code ? `${error.code}: ${error.message}` : error.message });
    });
    req.end(request.body);
  });
}
