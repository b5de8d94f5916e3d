import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { actorFor, createComponent, unique, untypedInput } from "@/tests/support/factories";
import { ensurePageExists, until } from "@/tests/subscribers/support";
import { startChatReceiver } from "@/tests/integrations/chat-receiver";
import { useOwnDatabase } from "@/tests/support/own-database";
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

let database: Awaited<ReturnType<typeof useOwnDatabase>> | undefined;

beforeAll(async () => {
  // Its workers claim every due delivery they can see: a database of its own keeps other files' out of its counts.
  database = await useOwnDatabase("chat_channels");
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  await ensurePageExists();
  receiver = await startChatReceiver();
  responder = await actorFor("responder");
});
afterAll(async () => {
  await receiver?.close();
  await database?.drop();
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
});
