import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique, untypedInput } from "@/tests/support/factories";
import { ensurePageExists, until } from "@/tests/subscribers/support";
import { startChatReceiver } from "@/tests/integrations/chat-receiver";
import { createNotificationWorker, type WorkerOptions } from "@/server/notifications/worker";
import { createChatChannel } from "@/server/services/chat-channels/create-chat-channel";
import { updateChatChannel } from "@/server/services/chat-channels/update-chat-channel";
import { deleteChatChannel, reenableChatChannel } from "@/server/services/chat-channels/delete-chat-channel";
import { sendTestChatMessage } from "@/server/services/chat-channels/send-test-chat-message";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { publishPostmortem } from "@/server/services/postmortems/postmortem-services";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { listChatChannels } from "@/server/queries/chat-channels";
import { CHAT_EVENTS, CHAT_PLATFORMS, type ChatPlatform } from "@/lib/integrations";
import type { Actor } from "@/server/services/context";

const allowLocal = { allowPrivateTargets: true, allowLoopbackHttp: true };
let receiver: Awaited<ReturnType<typeof startChatReceiver>>;
let responder: Actor;

function worker(options: WorkerOptions = {}) {
  return createNotificationWorker({
    policy: allowLocal,
    baseDelayMs: 20,
    maxDelayMs: 100,
    log: () => {},
    pruneEveryMs: 0,
    ...options,
  });
}

type ChannelInput = Parameters<typeof createChatChannel>[0]["input"];

async function addChannel(platform: ChatPlatform, componentIds: string[], extra: Partial<ChannelInput> = {}) {
  const { channel } = await createChatChannel({
    ctx: { actor: responder },
    input: {
      name: unique(platform),
      platform,
      webhookUrl: receiver.url(platform),
      events: [...CHAT_EVENTS],
      allComponents: false,
      componentIds,
      ...extra,
    },
  });
  return channel;
}

/** Runs a worker until none of these channels' deliveries is due any more. */
async function drain(channelIds: string[], w = worker()) {
  await until(async () => {
    await w.runOnce();
    const open = await getDb().chatDelivery.count({
      where: { channelId: { in: channelIds }, status: { in: ["pending", "failed", "sending"] } },
    });
    return open === 0;
  }, 20_000);
}

async function incidentLife(componentId: string, body = "Checkout is **failing** for some cards.") {
  const { incident } = await createIncident({
    ctx: { actor: responder },
    input: {
      name: unique("Checkout errors"),
      impact: "major",
      status: "investigating",
      message: body,
      components: [{ componentId, status: "partial_outage" }],
    },
  });
  await postIncidentUpdate({
    ctx: { actor: responder },
    input: { incidentId: incident.id, status: "identified", body: "A bad deploy; rolling back.", components: [] },
  });
  await resolveIncident({
    ctx: { actor: responder },
    input: { incidentId: incident.id, body: "Rolled back; payments work again.", setComponentsOperational: true },
  });
  await publishPostmortem({
    ctx: { actor: responder },
    input: { incidentId: incident.id, body: "## What happened\nA config flag.", version: 0 },
  });
  return incident;
}

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  await ensurePageExists();
  receiver = await startChatReceiver();
  responder = await actorFor("responder");
});
afterAll(async () => {
  await receiver?.close();
});

describe("chat channels", () => {
  it("posts an incident's whole life to every platform in its native, schema-valid format", async () => {
    const component = await createComponent({ name: unique("Checkout") });
    const channels = await Promise.all(
      CHAT_PLATFORMS.map((p) =>
        addChannel(p, [component.id], {
          events: ["incident.created", "incident.updated", "incident.resolved", "postmortem.published"],
        }),
      ),
    );
    const incident = await incidentLife(component.id);
    await drain(channels.map((c) => c.id));

    expect(receiver.rejected).toEqual([]);
    const mine = (platform: ChatPlatform) =>
      receiver.hits.filter((h) => h.platform === platform && JSON.stringify(h.json).includes(incident.name));
    for (const platform of CHAT_PLATFORMS) expect(mine(platform), platform).toHaveLength(4);

    const [created] = mine("slack");
    const blocks = created.json.blocks as { type: string; text?: { text: string }; fields?: { text: string }[] }[];
    expect(blocks[0]).toMatchObject({ type: "header", text: { text: expect.stringContaining(incident.name) } });
    expect(JSON.stringify(blocks)).toContain("Checkout is *failing* for some cards.");
    expect(created.json.text).toContain("New incident");
    expect(JSON.stringify(blocks)).toContain(`/incidents/${incident.id}|View incident>`);

    const discord = mine("discord");
    const embed = (discord[0].json.embeds as Record<string, unknown>[])[0];
    expect(embed).toMatchObject({
      title: incident.name,
      url: expect.stringContaining(`/incidents/${incident.id}`),
      color: 0xea580c,
    });
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        { name: "Status", value: "Investigating", inline: true },
        { name: "Impact", value: "Major", inline: true },
      ]),
    );
    expect(JSON.stringify(embed.fields)).toContain(`${component.name}: Partial Outage`);
    expect(Date.parse(String(embed.timestamp))).not.toBeNaN();
    expect((discord[2].json.embeds as Record<string, unknown>[])[0]).toMatchObject({
      color: 0x16a34a,
      footer: { text: "Incident resolved" },
    });
    expect((discord[3].json.embeds as Record<string, unknown>[])[0]).toMatchObject({
      footer: { text: "Postmortem published" },
    });

    const card = (
      mine("teams")[0].json.attachments as { content: { body: { text?: string }[]; actions: { url: string }[] } }[]
    )[0].content;
    expect(card.body[1].text).toBe(incident.name);
    expect(card.actions[0].url).toContain(`/incidents/${incident.id}`);

    const chat = mine("google_chat")[1].json as {
      cardsV2: { card: { header: { title: string }; sections: { widgets: unknown[] }[] } }[];
    };
    expect(chat.cardsV2[0].card.header.title).toBe(incident.name);
    expect(JSON.stringify(chat.cardsV2[0].card.sections)).toContain("A bad deploy; rolling back.");

    const mm = mine("mattermost")[0].json as { attachments: { title: string; title_link: string; color: string }[] };
    expect(mm.attachments[0]).toMatchObject({ title: incident.name, color: "#ea580c" });
  });

  it("truncates a long update to each platform's limits with a link to the full text", async () => {
    const component = await createComponent({ name: unique("Search") });
    const channels = await Promise.all(
      CHAT_PLATFORMS.map((p) => addChannel(p, [component.id], { events: ["incident.updated"] })),
    );
    const long = Array.from(
      { length: 900 },
      (_, i) => `Line ${i}: ünïcödé 🚒 details **bold** and [a link](https://example.com/${i}).`,
    ).join("\n");
    const { incident } = await createIncident({
      ctx: { actor: responder },
      input: {
        name: unique("Long"),
        impact: "minor",
        status: "investigating",
        message: long.slice(0, 20_000),
        components: [],
      },
    });
    await postIncidentUpdate({
      ctx: { actor: responder },
      input: {
        incidentId: incident.id,
        status: "identified",
        body: long.slice(0, 20_000),
        components: [{ componentId: component.id, status: "degraded_performance" }],
      },
    });
    await drain(channels.map((c) => c.id));
    expect(receiver.rejected).toEqual([]);
    const hits = receiver.hits.filter((h) => JSON.stringify(h.json).includes(incident.name));
    expect(hits.length).toBeGreaterThanOrEqual(5);
    expect(hits.map((h) => h.platform).sort()).toEqual([...CHAT_PLATFORMS].sort());
    for (const hit of hits) expect(JSON.stringify(hit.json), hit.platform).toContain("Read the full update");
  });

  it("never lets an update ping a channel: @everyone, <!channel>, <@U…> and <users/all> arrive defused", async () => {
    const component = await createComponent({ name: unique("Mentions") });
    const channels = await Promise.all(
      CHAT_PLATFORMS.map((p) => addChannel(p, [component.id], { events: ["incident.created"] })),
    );
    const body = "@everyone @here <!channel> <!here> <@U024BE7LH> <@&123> <users/all> @channel @all ping";
    const { incident } = await createIncident({
      ctx: { actor: responder },
      input: {
        name: `${unique("Ping")} @everyone <!here>`,
        impact: "minor",
        status: "investigating",
        message: body,
        components: [{ componentId: component.id, status: "degraded_performance" }],
      },
    });
    await drain(channels.map((c) => c.id));
    const hits = receiver.hits.filter((h) => JSON.stringify(h.json).includes(incident.id));
    expect(hits.map((h) => h.platform).sort()).toEqual([...CHAT_PLATFORMS].sort());
    for (const hit of hits) {
      const text = JSON.stringify(hit.json);
      for (const raw of [
        "@everyone",
        "@here",
        "@channel",
        "@all",
        "<!channel>",
        "<!here>",
        "<@U024BE7LH>",
        "<@&123>",
        "<users/all>",
      ]) {
        expect(text, `${hit.platform} carries ${raw}`).not.toContain(raw);
      }
    }
    const discord = hits.find((h) => h.platform === "discord")!;
    expect(discord.json.allowed_mentions).toEqual({ parse: [] });
    const teams = hits.find((h) => h.platform === "teams")!;
    expect(JSON.stringify(teams.json)).not.toContain("entities");
  });

  it("sends only the chosen events about the chosen components", async () => {
    const watched = await createComponent({ name: unique("Watched") });
    const other = await createComponent({ name: unique("Other") });
    const channel = await addChannel("slack", [watched.id], {
      events: ["incident.resolved", "component.status_changed"],
    });
    const before = receiver.hits.length;
    await incidentLife(other.id);
    const mine = await incidentLife(watched.id);
    await setComponentStatus({ ctx: { actor: responder }, input: { componentId: other.id, status: "major_outage" } });
    await drain([channel.id]);
    const received = receiver.hits
      .slice(before)
      .filter(
        (h) =>
          h.platform === "slack" &&
          (JSON.stringify(h.json).includes(watched.name) || JSON.stringify(h.json).includes(mine.name)),
      );
    const headlines = received.map((h) => String(h.json.text).split(":")[0]);
    expect(headlines.sort()).toEqual(["Component status changed", "Component status changed", "Incident resolved"]);
    const deliveries = await getDb().chatDelivery.count({ where: { channelId: channel.id } });
    expect(deliveries).toBe(3);
  });

  it("refuses a webhook URL on a private or loopback address without connecting", async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    try {
      for (const webhookUrl of [
        "http://10.0.0.7/hooks/x",
        "http://127.0.0.1:9/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest",
      ]) {
        await expect(
          createChatChannel({
            ctx: { actor: responder },
            input: { name: "x", platform: "slack", webhookUrl, events: ["incident.created"] },
          }),
        ).rejects.toMatchObject({
          code: "VALIDATION",
          fieldErrors: { webhookUrl: [expect.stringMatching(/network address|https/)] },
        });
      }
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    }
  });

  it("validates input with field errors, refuses viewers, and never shows the stored URL", async () => {
    await expect(
      createChatChannel({
        ctx: { actor: responder },
        input: untypedInput({ name: "", platform: "irc", webhookUrl: "", events: [] }),
      }),
    ).rejects.toMatchObject({
      fieldErrors: {
        name: expect.any(Array),
        platform: expect.any(Array),
        webhookUrl: expect.any(Array),
        events: expect.any(Array),
      },
    });
    const viewer = await actorFor("viewer");
    await expect(
      createChatChannel({
        ctx: { actor: viewer },
        input: { name: "x", platform: "slack", webhookUrl: receiver.url("slack"), events: ["incident.created"] },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const channel = await addChannel("discord", [], {
      allComponents: true,
      webhookUrl: receiver.url("discord", "/123/secret-token-abcdef"),
    });
    const listed = (await listChatChannels(viewer)).find((c) => c.id === channel.id)!;
    expect(listed.webhookHint).not.toContain("secret-token-abcdef");
    const updated = await updateChatChannel({
      ctx: { actor: responder },
      input: {
        channelId: channel.id,
        name: "Renamed",
        platform: "discord",
        events: ["incident.created"],
        allComponents: true,
        componentIds: [],
        webhookUrl: "",
        version: channel.version,
      },
    });
    expect(updated.channel.name).toBe("Renamed");
    expect((await getDb().chatChannel.findUniqueOrThrow({ where: { id: channel.id } })).webhookUrl).toContain(
      "secret-token-abcdef",
    );
    await expect(
      updateChatChannel({
        ctx: { actor: responder },
        input: {
          channelId: channel.id,
          name: "Again",
          platform: "discord",
          events: ["incident.created"],
          allComponents: true,
          version: channel.version,
        },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteChatChannel({ ctx: { actor: responder }, input: { channelId: channel.id } });
    const audit = await getDb().auditLog.findMany({
      where: { entityType: "chat-channel", entityId: channel.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["chat-channel.create", "chat-channel.update", "chat-channel.delete"]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("secret-token-abcdef");
  });

  it("sends a test message now and reports the platform's refusal", async () => {
    const channel = await addChannel("google_chat", [], { allComponents: true, events: ["incident.created"] });
    const before = receiver.hits.length;
    await sendTestChatMessage({ ctx: { actor: responder }, input: { channelId: channel.id } });
    const hit = receiver.hits
      .slice(before)
      .find((h) => h.platform === "google_chat" && JSON.stringify(h.json).includes(channel.name));
    expect(hit?.json.text).toContain("Test message");
    receiver.behaviour.queue.push({ status: 404, body: "no_team" });
    await expect(sendTestChatMessage({ ctx: { actor: responder }, input: { channelId: channel.id } })).rejects.toThrow(
      /not accepted: HTTP 404/,
    );
    await deleteChatChannel({ ctx: { actor: responder }, input: { channelId: channel.id } });
  });
});

describe("chat deliveries through the outbox", () => {
  async function oneIncident(componentId: string) {
    return createIncident({
      ctx: { actor: responder },
      input: {
        name: unique("Outbox"),
        impact: "minor",
        status: "investigating",
        message: "Slow.",
        components: [{ componentId, status: "degraded_performance" }],
      },
    });
  }

  it("writes the delivery in the change's transaction: a rolled-back change queues nothing", async () => {
    const component = await createComponent({ name: unique("Rollback") });
    const channel = await addChannel("slack", [component.id], { events: ["incident.created"] });
    await expect(
      getDb().$transaction(async (tx) => {
        await createIncident({
          ctx: { actor: responder, db: tx },
          input: {
            name: unique("Never"),
            impact: "minor",
            status: "investigating",
            message: "x",
            components: [{ componentId: component.id, status: "degraded_performance" }],
          },
        });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await getDb().chatDelivery.count({ where: { channelId: channel.id } })).toBe(0);
  });

  it("a worker that dies after claiming is replaced after its lease, and the message is delivered once", async () => {
    const component = await createComponent({ name: unique("Crash") });
    const channel = await addChannel("slack", [component.id], { events: ["incident.created"] });
    const { incident } = await oneIncident(component.id);
    const crashed = worker();
    const [claimed] = await until(async () => {
      const got = await crashed.claimChat(50, 300);
      return got.filter((c) => c.channelId === channel.id).length
        ? got.filter((c) => c.channelId === channel.id)
        : null;
    });
    expect(claimed.attempts).toBe(1);
    // The crashed worker never records; a second worker takes the delivery once the 300 ms lease has run out.
    await drain([channel.id]);
    const row = await getDb().chatDelivery.findUniqueOrThrow({ where: { id: claimed.id } });
    expect(row.status).toBe("delivered");
    expect(row.attempts).toBe(2);
    const hits = () => receiver.hits.filter((h) => JSON.stringify(h.json).includes(incident.name));
    expect(hits()).toHaveLength(1);
    expect(hits()[0].deliveryId).toBe(claimed.id);
    // A stalled worker that wakes after losing its lease may send (the documented crash window, same delivery id)
    // but cannot record anything over the new owner's result.
    expect(await crashed.processChat(claimed)).toBe(false);
    expect(new Set(hits().map((h) => h.deliveryId))).toEqual(new Set([claimed.id]));
    expect((await getDb().chatDelivery.findUniqueOrThrow({ where: { id: claimed.id } })).status).toBe("delivered");
    // Delivered is final: more runs never send it again.
    const sent = hits().length;
    await worker().runOnce();
    expect(hits()).toHaveLength(sent);
  });

  it("retries a failed delivery with backoff and waits as long as a 429's Retry-After asks", async () => {
    const component = await createComponent({ name: unique("Limited") });
    const channel = await addChannel("discord", [component.id], { events: ["incident.created"] });
    receiver.behaviour.queue.push(
      { status: 503, body: "busy" },
      {
        status: 429,
        headers: { "Retry-After": "7" },
        body: '{"message":"You are being rate limited.","retry_after":7.0,"global":false}',
      },
    );
    const { incident } = await oneIncident(component.id);
    const w = worker();
    const delivery = () => getDb().chatDelivery.findFirstOrThrow({ where: { channelId: channel.id } });
    await until(async () => (await w.runOnce(), (await delivery()).lastStatusCode === 503));
    await until(async () => (await w.runOnce(), (await delivery()).lastStatusCode === 429));
    const limited = await delivery();
    expect(limited.status).toBe("failed");
    const wait = limited.nextAttemptAt.getTime() - limited.lastAttemptAt!.getTime();
    expect(wait).toBeGreaterThanOrEqual(7000);
    expect(wait).toBeLessThan(8000);
    expect((await getDb().chatChannel.findUniqueOrThrow({ where: { id: channel.id } })).consecutiveFailures).toBe(1);
    await getDb().chatDelivery.update({ where: { id: limited.id }, data: { nextAttemptAt: new Date() } });
    await drain([channel.id]);
    expect((await delivery()).status).toBe("delivered");
    expect(receiver.hits.filter((h) => JSON.stringify(h.json).includes(incident.name))).toHaveLength(1);
  });

  it("disables a channel whose webhook was deleted, with the reason, and an owner can turn it back on", async () => {
    const component = await createComponent({ name: unique("Gone") });
    const channel = await addChannel("slack", [component.id], { events: ["incident.created", "incident.updated"] });
    receiver.behaviour.queue.push({ status: 404, body: "no_service" });
    const { incident } = await oneIncident(component.id);
    await postIncidentUpdate({
      ctx: { actor: responder },
      input: { incidentId: incident.id, status: "identified", body: "Found it.", components: [] },
    });
    await drain([channel.id], worker({ concurrency: 1 }));
    const row = await getDb().chatChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(row.disabledAt).not.toBeNull();
    expect(row.disabledReason).toMatch(/HTTP 404: no_service \(the webhook was deleted/);
    const statuses = (await getDb().chatDelivery.findMany({ where: { channelId: channel.id } })).map((d) => d.status);
    expect(statuses).toEqual(["dead", "dead"]);
    await reenableChatChannel({ ctx: { actor: responder }, input: { channelId: channel.id } });
    expect((await getDb().chatChannel.findUniqueOrThrow({ where: { id: channel.id } })).disabledAt).toBeNull();
  });

  it("disables a channel after persistent failures, not after a short outage", async () => {
    const component = await createComponent({ name: unique("Flaky") });
    const channel = await addChannel("teams", [component.id], { events: ["incident.created"] });
    for (let i = 0; i < 5; i += 1) receiver.behaviour.queue.push({ status: 502, body: "bad gateway" });
    await oneIncident(component.id);
    const w = worker({ disableAfterFailures: 3, disableAfterMs: 60 * 60_000 });
    const delivery = () => getDb().chatDelivery.findFirstOrThrow({ where: { channelId: channel.id } });
    await until(async () => (await w.runOnce(), (await delivery()).attempts >= 3));
    expect((await getDb().chatChannel.findUniqueOrThrow({ where: { id: channel.id } })).disabledAt).toBeNull();
    await getDb().chatDelivery.updateMany({
      where: { channelId: channel.id },
      data: { createdAt: new Date(Date.now() - 2 * 60 * 60_000) },
    });
    await until(
      async () => (
        await w.runOnce(),
        (await getDb().chatChannel.findUniqueOrThrow({ where: { id: channel.id } })).disabledAt
      ),
    );
    const row = await getDb().chatChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(row.disabledReason).toMatch(/consecutive failed deliveries; last error: HTTP 502/);
  });
});
