import "server-only";
import http from "node:http";
import https from "node:https";
import {
  assertAllowedTarget,
  guardedLookup,
  WebhookTargetError,
  type TargetPolicy,
} from "@/server/notifications/target-guard";

export type GuardedPostRequest = {
  url: string;
  body: string;
  headers: Record<string, string>;
  policy: TargetPolicy;
  timeoutMs: number;
  /** The answer's body is read up to this many bytes; beyond it the connection is dropped. */
  maxResponseBytes: number;
};

/** An answer (any status: redirects are never followed), or why there was none and whether trying again can help. */
export type GuardedPostOutcome =
  | { answered: true; statusCode: number; headers: http.IncomingHttpHeaders; body: string }
  | { answered: false; error: string; permanent: boolean };

/**
 * POSTs to an address outside this server, which subscribers and owners choose: the address and every address it
 * resolves to must pass the target policy (no private or loopback ranges unless allowed), at connect time too.
 */
export async function postGuarded(request: GuardedPostRequest): Promise<GuardedPostOutcome> {
  let url: URL;
  try {
    url = await assertAllowedTarget(request.url, request.policy);
  } catch (error) {
    if (error instanceof WebhookTargetError)
      return { answered: false, error: error.message, permanent: !/could not be resolved/.test(error.message) };
    throw error;
  }
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<GuardedPostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: GuardedPostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = transport.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup(url.protocol, request.policy),
        headers: { ...request.headers, "Content-Length": Buffer.byteLength(request.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let received = 0;
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > request.maxResponseBytes) res.destroy();
          else chunks.push(chunk);
        });
        const done = () =>
          finish({
            answered: true,
            statusCode: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        res.on("end", done);
        res.on("close", done);
        res.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({
        answered: false,
        error: `No response within ${Math.round(request.timeoutMs / 1000)} s.`,
        permanent: false,
      });
    }, request.timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof WebhookTargetError) finish({ answered: false, error: error.message, permanent: true });
      else
        finish({
          answered: false,
          error: error.code ? `${error.code}: ${error.message}` : error.message,
          permanent: false,
        });
    });
    req.end(request.body);
  });
}
