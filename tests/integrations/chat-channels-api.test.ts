import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { ensurePageExists } from "@/tests/subscribers/support";
import { startChatReceiver } from "@/tests/integrations/chat-receiver";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import * as listRoute from "@/app/api/v1/chat-channels/route";
import * as channelRoute from "@/app/api/v1/chat-channels/[channelId]/route";
import * as testRoute from "@/app/api/v1/chat-channels/[channelId]/test/route";

type Handler = (request: Request, context: never) => Promise<Response>;
let responderToken: string;
let viewerToken: string;
let receiver: Awaited<ReturnType<typeof startChatReceiver>>;

async function call(
  handler: Handler,
  options: { method?: string; token?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await handler(
    new Request("http://api.test/api/v1/chat-channels", {
      method: options.method ?? "GET",
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    }),
    { params: Promise.resolve(options.params ?? {}) } as never,
  );
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  await ensurePageExists();
  receiver = await startChatReceiver();
  const owner = await actorFor("owner");
  responderToken = (
    await createApiKey({ ctx: { actor: owner }, input: { name: unique("Chat bot"), role: "responder" } })
  ).token;
  viewerToken = (await createApiKey({ ctx: { actor: owner }, input: { name: unique("Reader"), role: "viewer" } }))
    .token;
});
afterAll(async () => receiver?.close());

describe("/api/v1/chat-channels", () => {
  it("creates, lists, edits, tests and deletes a channel; the webhook URL never comes back", async () => {
    const component = await createComponent({ name: unique("API") });
    const created = await call(listRoute.POST, {
      method: "POST",
      token: responderToken,
      body: {
        name: "#ops",
        platform: "discord",
        webhook_url: receiver.url("discord", "/1/secret-part"),
        events: ["incident.created", "incident.resolved"],
        component_ids: [component.id],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.chat_channel).toMatchObject({
      name: "#ops",
      platform: "discord",
      all_components: false,
      component_ids: [component.id],
      enabled: true,
    });
    expect(JSON.stringify(created.json)).not.toContain("secret-part");
    const id = created.json.chat_channel.id as string;

    const listed = await call(listRoute.GET, { token: viewerToken });
    expect(listed.json.chat_channels.map((c: { id: string }) => c.id)).toContain(id);

    const patched = await call(channelRoute.PATCH, {
      method: "PATCH",
      token: responderToken,
      params: { channelId: id },
      body: { events: ["component.status_changed"], all_components: true },
    });
    expect(patched.json.chat_channel).toMatchObject({
      events: ["component.status_changed"],
      all_components: true,
      version: 2,
    });

    const tested = await call(testRoute.POST, { method: "POST", token: responderToken, params: { channelId: id } });
    expect(tested).toMatchObject({ status: 200, json: { delivered: true, status_code: 204 } });
    receiver.behaviour.queue.push({ status: 404, body: '{"message": "Unknown Webhook", "code": 10015}' });
    const refused = await call(testRoute.POST, { method: "POST", token: responderToken, params: { channelId: id } });
    expect(refused).toMatchObject({
      status: 502,
      json: { delivered: false, error: { message: expect.stringContaining("Unknown Webhook") } },
    });

    expect(
      (await call(channelRoute.DELETE, { method: "DELETE", token: responderToken, params: { channelId: id } })).status,
    ).toBe(200);
    expect((await call(channelRoute.GET, { token: viewerToken, params: { channelId: id } })).status).toBe(404);
  });

  it("names each bad field, refuses viewers and private addresses", async () => {
    const bad = await call(listRoute.POST, {
      method: "POST",
      token: responderToken,
      body: { name: "", platform: "irc", events: ["nope"] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["events.0", "platform", "webhook_url"]);
    const viewer = await call(listRoute.POST, {
      method: "POST",
      token: viewerToken,
      body: { name: "x", platform: "slack", webhook_url: receiver.url("slack"), events: ["incident.created"] },
    });
    expect(viewer.status).toBe(403);
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    try {
      const ssrf = await call(listRoute.POST, {
        method: "POST",
        token: responderToken,
        body: { name: "x", platform: "slack", webhook_url: "http://192.168.1.10/hook", events: ["incident.created"] },
      });
      expect(ssrf).toMatchObject({
        status: 422,
        json: { error: { fields: { webhook_url: [expect.stringMatching(/private network address/)] } } },
      });
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    }
  });
});
