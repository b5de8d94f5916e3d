import { describe, expect, it, vi } from "vitest";
import { errorResponse } from "@/server/http/error-response";
import { AppError, invalidFields, toFieldErrors } from "@/server/errors";
import { IdempotencyKeyReusedError } from "@/server/services/idempotency";
import { z } from "zod";

async function answer(error: unknown, dialect: "statuspage" | "ours") {
  const response = errorResponse(error, dialect);
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe("one error responder, two dialects", () => {
  it("a refused key: Statuspage's fixed sentence, or ours with the reason and WWW-Authenticate", async () => {
    const error = new AppError("UNAUTHORIZED", "This API key was revoked.");
    expect(await answer(error, "statuspage")).toMatchObject({ status: 401, json: { error: "Could not authenticate" } });
    const ours = await answer(error, "ours");
    expect(ours).toMatchObject({
      status: 401,
      json: { error: { code: "unauthorized", message: "This API key was revoked." } },
    });
    expect(ours.headers.get("www-authenticate")).toBe('Bearer realm="api"');
  });

  it("invalid fields: named as the APIs spell them, under `error` or under `fields`", async () => {
    const error = invalidFields({ startedAt: ["An incident cannot start in the future."], "components.ab1": ["x"] });
    const fields = { started_at: ["An incident cannot start in the future."], "components.ab1": ["x"] };
    expect(await answer(error, "statuspage")).toEqual(
      expect.objectContaining({ status: 422, json: { error: fields } }),
    );
    expect((await answer(error, "ours")).json).toEqual({
      error: { code: "validation", message: "Some fields need attention.", fields },
    });
  });

  it("a validation refusal naming no field is about the whole record, unless it names its own reason", async () => {
    const general = new AppError("VALIDATION", "The page needs at least one active owner.");
    expect((await answer(general, "statuspage")).json).toEqual({
      error: { base: ["The page needs at least one active owner."] },
    });
    const reused = new IdempotencyKeyReusedError();
    expect((await answer(reused, "statuspage")).json).toEqual({ error: reused.message });
    expect((await answer(reused, "ours")).json).toEqual({
      error: { code: "idempotency_key_reused", message: reused.message },
    });
  });

  it("carries an error's own status and headers, never cached", async () => {
    const error = new AppError("RATE_LIMITED", "Slow down.", undefined, {
      status: 420,
      headers: { "Retry-After": "3" },
    });
    for (const dialect of ["statuspage", "ours"] as const) {
      const { status, headers } = await answer(error, dialect);
      expect(status).toBe(420);
      expect(headers.get("retry-after")).toBe("3");
      expect(headers.get("cache-control")).toBe("no-store");
    }
    expect((await answer(error, "ours")).json.error.code).toBe("rate_limited");
  });

  it("an unexpected error is logged and answered 500 without its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { status, json } = await answer(new Error("password=hunter2"), "ours");
    expect(status).toBe(500);
    expect(JSON.stringify(json)).not.toContain("hunter2");
    expect(json.error.code).toBe("internal");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe("validation issues as field errors", () => {
  it("keys each issue by its dotted path, and issues about the whole input by the caller's root key", () => {
    const schema = z.object({ name: z.string(), tags: z.array(z.string()) }).refine(() => false, "Never valid.");
    const parsed = schema.safeParse({ name: 1, tags: ["a", 2] });
    expect(toFieldErrors(parsed.error!.issues, "base")).toEqual({
      name: [expect.any(String)],
      "tags.1": [expect.any(String)],
    });
    const whole = schema.safeParse({ name: "a", tags: [] });
    expect(toFieldErrors(whole.error!.issues, "form")).toEqual({ form: ["Never valid."] });
  });
});
