import http from "node:http";
import type { AddressInfo } from "node:net";

/** The answer a webhook endpoint gives to the verification request, or null for any other body. */
export function verificationAnswer(body: string): string | null {
  try {
    const json = JSON.parse(body) as { type?: unknown; challenge?: unknown };
    return json.type === "subscription.verify" && typeof json.challenge === "string"
      ? JSON.stringify({ challenge: json.challenge })
      : null;
  } catch {
    return null;
  }
}

/** A loopback endpoint that passes verification and then refuses every notification with 503, as a broken receiver would. */
export async function startVerifyingEndpoint() {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answer = verificationAnswer(Buffer.concat(chunks).toString("utf8"));
      if (answer) res.writeHead(200, { "Content-Type": "application/json" }).end(answer);
      else res.writeHead(503).end("down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
