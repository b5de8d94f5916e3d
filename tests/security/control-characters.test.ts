import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { createTemplate } from "@/server/services/templates/template-services";
import { createSubscription } from "@/server/services/subscribers/create-subscription";
import { verifySignIn, SIGN_IN_FAILED } from "@/server/auth/sign-in";
import { toAppError } from "@/server/errors";
import { findUnsafeText } from "@/lib/unsafe-text";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import * as incidentRoute from "@/app/api/v1/incidents/[incidentId]/route";
import { createComponent as createComponentService } from "@/server/services/components/create-component";
import * as componentRoute from "@/app/api/v1/components/[componentId]/route";

type Handler = (request: Request, context: never) => Promise<Response>;

let token: string;

async function call(handler: Handler, method: string, body: unknown, params: Record<string, string> = {}) {
  const response = await handler(
    new Request("http://api.test/api/v1", {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve(params) } as never,
  );
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  await ensurePageOnce();
  token = (
    await createApiKey({ ctx: { actor: await actorFor("owner") }, input: { name: unique("nul"), role: "responder" } })
  ).token;
});

describe("control characters", () => {
  it.each(["NUL\u0000name", "bell\u0007", "escape\u001b[31m", "lone \ud800 surrogate", "\uffff"])(
    "%j is found; tab, newlines and emoji are not",
    (value) => {
      expect(findUnsafeText({ a: { b: [value] } })).toEqual(["a.b.0"]);
      expect(findUnsafeText({ ok: "tab\there\r\nnew line 🚀 é" })).toEqual([]);
    },
  );

  it("a NUL in an API name is a 422 naming the field, not a 500 from PostgreSQL", async () => {
    const created = await call(incidentsRoute.POST, "POST", {
      name: "NUL\u0000name",
      status: "investigating",
      body: "Looking.",
    });
    expect(created.status).toBe(422);
    expect(created.json.error.fields).toEqual({ name: [expect.stringMatching(/control character/)] });

    const incident = await call(incidentsRoute.POST, "POST", {
      name: unique("Clean"),
      status: "investigating",
      body: "Looking.",
    });
    expect(incident.status).toBe(201);
    const patched = await call(
      incidentRoute.PATCH,
      "PATCH",
      { name: "x\u0000" },
      { incidentId: incident.json.incident.id },
    );
    expect(patched.status).toBe(422);
    expect(Object.keys(patched.json.error.fields)).toEqual(["name"]);
    const byPath = await call(incidentRoute.PATCH, "PATCH", { name: "fine" }, { incidentId: "abc\u0000" });
    expect(byPath.status).toBe(422);

    const existing = await createComponent();
    const renamed = await call(
      componentRoute.PATCH,
      "PATCH",
      { status: "operational", note: "d\u0000" },
      { componentId: existing.id },
    );
    expect(renamed.status).toBe(422);
  });

  it("console templates, the public subscribe form and sign-in refuse a NUL with a field error", async () => {
    const component = await createComponentService({
      ctx: { actor: await actorFor("owner") },
      input: { name: "comp\u0000" },
    }).catch(toAppError);
    expect(component).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { name: [expect.stringMatching(/control character/)] },
    });
    const template = await createTemplate({
      ctx: { actor: await actorFor("responder") },
      input: { name: "tmpl\u0000", body: "b" },
    }).catch(toAppError);
    expect(template).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { name: [expect.stringMatching(/control character/)] },
    });
    const subscription = await createSubscription({
      ctx: {},
      input: { kind: "email", email: "a\u0000@example.test", componentIds: [] },
    }).catch(toAppError);
    expect(subscription).toMatchObject({ code: "VALIDATION", fieldErrors: { email: [expect.any(String)] } });
    await expect(
      verifySignIn({ email: "a\u0000@example.test", password: "whatever-long", ip: "127.0.0.1" }),
    ).rejects.toThrow(SIGN_IN_FAILED);
  });
});
