import http from "node:http";
import type { AddressInfo } from "node:net";
import { PLATFORM_SCHEMAS } from "@/tests/integrations/chat-schemas";
import type { ChatPlatform } from "@/lib/integrations";

export type ChatHit = { platform: ChatPlatform; deliveryId: string; json: Record<string, unknown>; bytes: number };

/**
 * One local receiver per platform path (/slack, /teams, …). Like the real platforms it refuses a payload that breaks
 * the documented schema with 400, and it can answer 429 with Retry-After, 5xx or 404 on demand.
 */
export async function startChatReceiver() {
  const hits: ChatHit[] = [];
  const rejected: { platform: string; issues: string }[] = [];
  const behaviour = { queue: [] as { status: number; headers?: Record<string, string>; body?: string }[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const platform = (req.url ?? "").split("/")[1]?.replace("-", "_") as ChatPlatform;
      const spec = PLATFORM_SCHEMAS[platform];
      if (!spec || req.method !== "POST") return void res.writeHead(404).end("no_service");
      const scripted = behaviour.queue.shift();
      if (scripted) return void res.writeHead(scripted.status, scripted.headers).end(scripted.body ?? "");
      const raw = Buffer.concat(chunks);
      if (!String(req.headers["content-type"]).startsWith("application/json"))
        return void res.writeHead(415).end("invalid_content_type");
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        return void res.writeHead(400).end("invalid_payload");
      }
      const parsed = spec.schema.safeParse(json);
      if (!parsed.success || raw.length > spec.maxBytes) {
        const issues = parsed.success
          ? `payload is ${raw.length} bytes, above ${spec.maxBytes}`
          : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
        rejected.push({ platform, issues });
        return void res.writeHead(400).end(issues);
      }
      hits.push({
        platform,
        deliveryId: String(req.headers["x-statuspage-delivery-id"] ?? ""),
        json,
        bytes: raw.length,
      });
      if (platform === "teams") return void res.writeHead(202).end();
      if (platform === "discord") return void res.writeHead(204).end();
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (platform: ChatPlatform, suffix = "") => `http://127.0.0.1:${port}/${platform.replace("_", "-")}${suffix}`,
    hits,
    rejected,
    behaviour,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
