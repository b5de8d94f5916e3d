import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { optionalText, parseInput, requiredText, version } from "@/server/services/validation";
import { AppError } from "@/server/errors";
import { TAGS } from "@/server/cache/tags";
import { pageSettingsFields } from "@/server/db/base-selects";
import { STALE_MESSAGE } from "@/server/services/incidents/edit-incident-update";
import { LIMITS } from "@/lib/status";

const httpUrl = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z
      .string()
      .max(2_000, `${label} must be at most 2,000 characters.`)
      .url(`${label} must be a full URL such as https://example.com`)
      .refine((v) => /^https?:\/\//i.test(v), `${label} must start with http:// or https://`)
      .optional(),
  );

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const pageSettingsSchema = z.object({
  version,
  name: requiredText("Name", LIMITS.nameMax),
  url: httpUrl("Status page address"),
  companyUrl: httpUrl("Company website"),
  timeZone: z
    .string({ error: "Time zone is required." })
    .trim()
    .min(1, "Time zone is required.")
    .refine(isTimeZone, "Use an IANA time zone such as Europe/Berlin."),
  logoUrl: httpUrl("Logo URL"),
  faviconUrl: httpUrl("Favicon URL"),
  brandColor: z
    .string({ error: "Brand colour is required." })
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour such as #2563eb."),
  supportUrl: httpUrl("Support URL"),
  contactEmail: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(320).email("Enter a valid email address.").optional(),
  ),
  twitter: optionalText(100),
  privacyUrl: httpUrl("Privacy policy URL"),
  footerText: optionalText(LIMITS.descriptionMax),
  description: optionalText(LIMITS.descriptionMax),
});

const settingsSelect = { id: true, ...pageSettingsFields, version: true } as const;

/** Owner-only page settings; the public page shows the change on the next request. */
export async function updatePageSettings({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof pageSettingsSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(pageSettingsSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.pageSettings.findFirst({ select: settingsSelect });
    const values = {
      name: data.name,
      url: data.url ?? "",
      companyUrl: data.companyUrl ?? null,
      timeZone: data.timeZone,
      logoUrl: data.logoUrl ?? null,
      faviconUrl: data.faviconUrl ?? null,
      brandColor: data.brandColor.toLowerCase(),
      supportUrl: data.supportUrl ?? null,
      contactEmail: data.contactEmail ?? null,
      twitter: data.twitter ?? null,
      privacyUrl: data.privacyUrl ?? null,
      footerText: data.footerText ?? null,
      description: data.description ?? null,
    };
    if (before) {
      const changed = await tx.pageSettings.updateMany({
        where: { id: before.id, version: data.version },
        // Saved by the owner: no longer the demo's, so removing the demo keeps them.
        data: { ...values, demo: false, version: { increment: 1 } },
      });
      if (changed.count === 0) throw new AppError("CONFLICT", STALE_MESSAGE);
    } else {
      await tx.pageSettings.create({ data: values });
    }
    const after = await tx.pageSettings.findFirstOrThrow({ select: settingsSelect });
    await writeAudit(tx, ctx.actor, { action: "page.edit", entityType: "page", entityId: after.id, before, after });
    return { settings: after, tags: [TAGS.page] };
  });
}
