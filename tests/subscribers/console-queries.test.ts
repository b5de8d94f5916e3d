import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { createSubscription } from "@/server/services/subscribers/create-subscription";
import { reenableSubscriber } from "@/server/services/subscribers/reenable-subscriber";
import { csvCell, exportSubscribersCsv, getSubscriberDetail, listSubscribers } from "@/server/queries/subscribers";
import { getDb } from "@/server/db/client";
import { ensurePageExists, memoryMailer } from "@/tests/subscribers/support";
import { startVerifyingEndpoint } from "@/tests/support/webhook-endpoint";

let deadEndpoint: Awaited<ReturnType<typeof startVerifyingEndpoint>>;

async function collect(rows: AsyncGenerator<string>): Promise<string> {
  let text = "";
  for await (const chunk of rows) text += chunk;
  return text;
}

describe("subscribers in the console", () => {
  beforeAll(async () => {
    deadEndpoint = await startVerifyingEndpoint();
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    await ensurePageExists();
  });
  afterAll(() => deadEndpoint.close());

  it("owners search, count and export subscribers; responders are refused", async () => {
    const owner = await actorFor("owner");
    const marker = unique("findme");
    const component = await createComponent({ name: unique("Search API") });
    await createSubscription({
      ctx: { mailer: memoryMailer().mailer },
      input: { kind: "email", email: `${marker}@example.test`, allComponents: false, componentIds: [component.id] },
    });
    await createSubscription({
      ctx: {},
      input: { kind: "webhook", endpoint: deadEndpoint.url(`/${marker}`), allComponents: true },
    });

    const found = await listSubscribers(owner, { search: marker.toUpperCase() });
    expect(found.matching).toBe(2);
    expect(found.rows.map((r) => r.state).sort()).toEqual(["active", "pending"]);
    expect(found.rows.find((r) => r.kind === "email")!.scope).toBe(component.name);
    expect(found.active.webhook).toBeGreaterThanOrEqual(1);

    const csv = await collect(exportSubscribersCsv(owner));
    expect(csv.split("\r\n")[0]).toBe("id,kind,address,state,scope,created_at,disabled_reason");
    expect(csv).toContain(`${marker}@example.test,pending,`);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);

    const responder = await actorFor("responder");
    await expect(listSubscribers(responder, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(collect(exportSubscribersCsv(responder))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an owner sees why a webhook was disabled and can re-enable it", async () => {
    const owner = await actorFor("owner");
    const hook = await createSubscription({
      ctx: {},
      input: { kind: "webhook", endpoint: deadEndpoint.url("/disabled"), allComponents: true },
    });
    if (hook.kind !== "webhook") throw new Error("expected a webhook");
    await getDb().subscriber.update({
      where: { id: hook.subscriberId },
      data: { disabledAt: new Date(), disabledReason: "Disabled automatically: HTTP 410", consecutiveFailures: 12 },
    });

    const detail = await getSubscriberDetail(owner, hook.subscriberId);
    expect(detail).toMatchObject({ state: "disabled", disabledReason: "Disabled automatically: HTTP 410" });
    await expect(
      reenableSubscriber({ ctx: { actor: await actorFor("responder") }, input: { subscriberId: hook.subscriberId } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await reenableSubscriber({ ctx: { actor: owner }, input: { subscriberId: hook.subscriberId } });
    expect(await getSubscriberDetail(owner, hook.subscriberId)).toMatchObject({
      state: "active",
      disabledReason: null,
      consecutiveFailures: 0,
    });
  });
});
