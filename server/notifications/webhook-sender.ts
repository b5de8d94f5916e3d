import "server-only";
import http from "node:http";
import https from "node:https";
import {
  assertAllowedTarget,
  guardedLookup,
  WebhookTargetError,
  type TargetPolicy,
} from "@/server/notifications/target-guard";
import { SIGNATURE_HEADER, signWebhookBody } from "@/server/notifications/signature";

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export type SendResult = {
  ok: boolean;
  statusCode?: number;
  error?: string;
  permanent?: boolean;
  responseBody?: string;
};

export type WebhookRequest = {
  url: string;
  body: string;
  secret: string;
  deliveryId: string;
  policy: TargetPolicy;
  timeoutMs?: number;
  now?: () => Date;
};

/** POSTs a signed JSON body; only a 2xx answer counts, redirects and private targets are refused. */
export async function sendWebhook(request: WebhookRequest): Promise<SendResult> {
  let url: URL;
  try {
    url = await assertAllowedTarget(request.url, request.policy);
  } catch (error) {
    if (error instanceof WebhookTargetError)
      return { ok: false, error: error.message, permanent: !/could not be resolved/.test(error.message) };
    throw error;
  }
  const timestamp = Math.floor((request.now?.() ?? new Date()).getTime() / 1000);
  const transport = url.protocol === "https:" ? https : http;
  const timeoutMs = request.timeoutMs ?? WEBHOOK_TIMEOUT_MS;

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
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
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(request.body),
          "User-Agent": "statuspage-webhooks/1.0",
          "Webhook-Id": request.deliveryId,
          "X-Statuspage-Delivery-Id": request.deliveryId,
          [SIGNATURE_HEADER]: signWebhookBody(request.secret, request.body, timestamp),
        },
      },
      (res) => {
        const statusCode = res.statusCode ?? 0;
        let received = 0;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) res.destroy();
          else chunks.push(chunk);
        });
        const done = () => {
          if (statusCode >= 200 && statusCode < 300)
            finish({ ok: true, statusCode, responseBody: Buffer.concat(chunks).toString("utf8") });
          else if (statusCode >= 300 && statusCode < 400)
            finish({
              ok: false,
              statusCode,
              error: `Redirect to ${res.headers.location ?? "another URL"} refused; webhooks do not follow redirects.`,
            });
          else finish({ ok: false, statusCode, error: `HTTP ${statusCode}` });
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
