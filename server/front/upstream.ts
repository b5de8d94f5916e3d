// How a front process reaches the app process that renders: HTTP over a Unix socket (or TCP in tests), with
// keep-alive so a render costs no connection set-up. Cacheable responses are captured whole; everything else is
// streamed through in both directions.
import http from "node:http";

export type UpstreamTarget = { socketPath: string } | { host: string; port: number };

/** `complete`: the app ended the answer itself, with as many bytes as it announced. */
export type CapturedResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; complete: boolean };

export class UpstreamUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The app process did not answer: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "UpstreamUnavailable";
  }
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection; `expect` is answered by this process, not the app.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "expect",
]);

function withoutHopByHop(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): http.OutgoingHttpHeaders {
  const kept: http.OutgoingHttpHeaders = {};
  for (const name in headers) if (!HOP_BY_HOP.has(name)) kept[name] = headers[name];
  return kept;
}

function rawWithoutHopByHop(raw: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!HOP_BY_HOP.has(raw[i].toLowerCase())) kept.push(raw[i], raw[i + 1]);
  return kept;
}

export function createUpstream(target: UpstreamTarget) {
  const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 10_000, scheduling: "lifo" });

  function open(method: string, path: string, headers: http.OutgoingHttpHeaders): http.ClientRequest {
    return http.request({ ...target, agent, method, path, headers });
  }

  /** A GET of `path` read to the end: what the response cache stores. */
  function capture(path: string, headers: http.OutgoingHttpHeaders): Promise<CapturedResponse> {
    return new Promise((resolve, reject) => {
      const request = open("GET", path, withoutHopByHop(headers));
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          const announced = response.headers["content-length"];
          const complete = response.complete && (announced === undefined || Number(announced) === body.length);
          resolve({ status: response.statusCode ?? 502, headers: response.headers, body, complete });
        });
        response.on("error", (error) => reject(new UpstreamUnavailable(error)));
      });
      request.on("error", (error) => reject(new UpstreamUnavailable(error)));
      request.end();
    });
  }

  /** Streams a request the cache does not keep (the console, writes, the API) to the app and its answer back. */
  function forward(req: http.IncomingMessage, res: http.ServerResponse) {
    const request = open(req.method ?? "GET", req.url ?? "/", withoutHopByHop(req.headers));
    request.on("response", (response) => {
      res.writeHead(response.statusCode ?? 502, response.statusMessage, rawWithoutHopByHop(response.rawHeaders));
      // Server-sent events and other long answers must reach the reader as they are written.
      res.flushHeaders();
      response.pipe(res);
    });
    request.on("error", () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(503, {
        "content-type": "text/plain; charset=utf-8",
        "retry-after": "2",
        "cache-control": "no-store",
      });
      res.end("The status page is restarting; please try again in a moment.\n");
    });
    res.on("close", () => {
      if (!res.writableFinished) request.destroy();
    });
    req.pipe(request);
  }

  return { capture, forward, close: () => agent.destroy() };
}

export type Upstream = ReturnType<typeof createUpstream>;
