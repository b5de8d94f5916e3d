import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { TAGS } from "@/server/cache/tags";
import { updatePageSettings } from "@/server/services/settings/update-page-settings";
import { createTemplate, deleteTemplate, updateTemplate } from "@/server/services/templates/template-services";
import { ensurePage, unique, untypedInput } from "@/tests/support/factories";
import { ctxFor, expectAppError } from "@/tests/console/helpers";

describe("page settings", () => {
  it("only an owner changes them; bad values are named; a stale version conflicts", async () => {
    const page = await ensurePage();
    const responder = await ctxFor("responder");
    await expectAppError(updatePageSettings({ ctx: responder, input: untypedInput({}) }), "FORBIDDEN");
    const owner = await ctxFor("owner");
    const error = await expectAppError(
      updatePageSettings({
        ctx: owner,
        input: {
          version: 1,
          name: "",
          url: "ftp://x",
          timeZone: "Mars/Base",
          brandColor: "blue",
          logoUrl: "javascript:alert(1)",
          contactEmail: "nope",
        },
      }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual([
      "brandColor",
      "contactEmail",
      "logoUrl",
      "name",
      "timeZone",
      "url",
    ]);
    const current = await getDb().pageSettings.findUniqueOrThrow({ where: { id: page.id } });
    const input = {
      version: current.version,
      name: current.name,
      url: "https://status.example.com",
      timeZone: "Europe/Berlin",
      brandColor: "#112233",
      supportUrl: "https://help.example.com",
      footerText: "",
    };
    const { settings, tags } = await updatePageSettings({ ctx: owner, input });
    expect(settings).toMatchObject({
      timeZone: "Europe/Berlin",
      brandColor: "#112233",
      footerText: null,
      version: current.version + 1,
    });
    expect(tags).toEqual([TAGS.page]);
    await expectAppError(updatePageSettings({ ctx: owner, input }), "CONFLICT");
  });

  it("the status page's address may be left to PUBLIC_URL, apart from the company's website", async () => {
    await ensurePage();
    const owner = await ctxFor("owner");
    const current = await getDb().pageSettings.findFirstOrThrow();
    const base = { name: current.name, timeZone: current.timeZone, brandColor: current.brandColor };
    const bad = await expectAppError(
      updatePageSettings({ ctx: owner, input: { ...base, version: current.version, url: "", companyUrl: "nope" } }),
      "VALIDATION",
    );
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(["companyUrl"]);
    const { settings } = await updatePageSettings({
      ctx: owner,
      input: { ...base, version: current.version, url: "", companyUrl: "https://acme.example" },
    });
    expect(settings).toMatchObject({ url: "", companyUrl: "https://acme.example" });
    await updatePageSettings({
      ctx: owner,
      input: { ...base, version: settings.version, url: current.url, companyUrl: "" },
    });
  });
});

describe("message templates", () => {
  it("creates, edits and deletes templates with unique names; viewers are refused", async () => {
    const ctx = await ctxFor();
    const name = unique("Investigating DB");
    const { template } = await createTemplate({
      ctx,
      input: { name, title: "Database issue", status: "investigating", body: "We are investigating database errors." },
    });
    expect(template.status).toBe("investigating");
    const duplicate = await expectAppError(createTemplate({ ctx, input: { name, body: "x" } }), "VALIDATION");
    expect(duplicate.fieldErrors?.name).toBeDefined();
    const { template: edited } = await updateTemplate({
      ctx,
      input: { templateId: template.id, name, status: "", body: "Changed" },
    });
    expect(edited).toMatchObject({ status: null, body: "Changed" });
    await deleteTemplate({ ctx, input: { templateId: template.id } });
    await expectAppError(deleteTemplate({ ctx, input: { templateId: template.id } }), "NOT_FOUND");
    await expectAppError(createTemplate({ ctx: await ctxFor("viewer"), input: { name: "x", body: "y" } }), "FORBIDDEN");
  });
});
