import { beforeAll, describe, expect, it } from "vitest";
import { readBodyText } from "@/server/http/read-body";
import { AppError } from "@/server/errors";
import { handleManagementRequest } from "@/server/api/management/endpoints";
import { handleAlertWebhook } from "@/server/api/integrations/alert-webhook";
import { logCspReport } from "@/server/http/csp-report";
import * as shortIncidentsRoute from "@/app/api/v1/incidents/route";
import { createIntegration } from "@/server/services/integrations/manage-integrations";
import { openManagementApi } from "@/tests/api/support";
import { actorFor, unique } from "@/tests/support/factories";

const KB = 1024;
const CHUNK = 64 * KB;

/** A body sent chunked (no Content-Length) in `chunks` pieces of 64 KB, counting how many the reader asked for. */
function chunkedBody(chunks: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled === chunks) return controller.close();
        seen.pulled += 1;
        controller.enqueue(new Uint8Array(CHUNK).fill(0x61));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function chunkedPost(url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  // Node's fetch wants `duplex` for a stream body; the DOM types it is checked against do not know it yet.
  const init: RequestInit & { duplex: "half" } = { method: "POST", body: stream, duplex: "half", headers };
  return new Request(url, init);
}

/** Asks for no more than the limit and the chunk that crossed it, then lets go of the rest. */
function expectRefusedEarly(seen: { pulled: number; cancelled: boolean }, limit: number) {
  expect(seen.pulled * CHUNK).toBeLessThanOrEqual(limit + CHUNK);
  expect(seen.cancelled).toBe(true);
}

describe("the bounded body reader", () => {
  it("reads a body within the limit whole", async () => {
    const { stream } = chunkedBody(2);
    expect(await readBodyText(chunkedPost("http://local.test/", stream), 256 * KB)).toHaveLength(2 * CHUNK);
  });

  it("refuses a chunked body at the first chunk over the limit, never reading it whole", async () => {
    const { stream, seen } = chunkedBody(64);
    const refusal = await readBodyText(chunkedPost("http://local.test/", stream), 256 * KB).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expectRefusedEarly(seen, 256 * KB);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const { stream, seen } = chunkedBody(64);
    const request = chunkedPost("http://local.test/", stream, { "content-length": String(64 * CHUNK) });
    await expect(readBodyText(request, 256 * KB)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(seen.pulled).toBe(0);
  });
});

describe("a chunked body over the limit, in each dialect", () => {
  let pageId: string;
  let responder: string;
  beforeAll(async () => {
    ({ pageId, responder } = await openManagementApi("Chunked"));
  });

  it("Statuspage's paths answer 413 with Statuspage's error shape", async () => {
    const { stream, seen } = chunkedBody(64);
    const response = await handleManagementRequest(
      chunkedPost(`http://status.test/api/v1/pages/${pageId}/incidents`, stream, {
        authorization: `OAuth ${responder}`,
        "content-type": "application/json",
      }),
      { params: Promise.resolve({ resourcePath: [pageId, "incidents"] }) },
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "The request body must be at most 256 KB." });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expectRefusedEarly(seen, 256 * KB);
  });

  it("the short forms answer 413 with our error shape", async () => {
    const { stream, seen } = chunkedBody(64);
    const response = await shortIncidentsRoute.POST(
      chunkedPost("http://status.test/api/v1/incidents", stream, {
        authorization: `Bearer ${responder}`,
        "content-type": "application/json",
      }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "payload_too_large", message: "The request body must be at most 256 KB." },
    });
    expectRefusedEarly(seen, 256 * KB);
  });

  it("an alert integration answers 413 once a body passes 1 MB", async () => {
    const { integration, token } = await createIntegration({
      ctx: { actor: await actorFor("owner") },
      input: { name: unique("Chunked alerts"), source: "alertmanager" },
    });
    const { stream, seen } = chunkedBody(64);
    const response = await handleAlertWebhook(
      chunkedPost(`http://status.test/api/integrations/${integration.id}`, stream, {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      }),
      integration.id,
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, error: "The request body must be at most 1024 KB." });
    expectRefusedEarly(seen, 1024 * KB);
  });

  it("a CSP report over 16 KB is dropped without being read whole", async () => {
    const { stream, seen } = chunkedBody(64);
    await logCspReport(chunkedPost("http://status.test/api/csp-report", stream));
    expectRefusedEarly(seen, 16 * KB);
  });
});
