import "server-only";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import {
  fingerprintOf,
  isUnchanged,
  parseSource,
  recordImport,
  type ImportOutcome,
} from "@/server/services/imports/import-shared";
import { sourcePageSchema } from "@/server/services/imports/source-schemas";
import { readConfig } from "@/server/config";

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the source page's profile (name, description, time zone, support and contact details) and remembers its id,
 * so that migrated scripts' `/pages/<id>/…` URLs keep working. This install's own URL is left as it is.
 */
export async function importPage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<ImportOutcome & { notes: string[] }> {
  authorize(ctx.actor, "owner");
  const page = parseSource(sourcePageSchema, input);
  const notes: string[] = [];
  const timeZone = page.time_zone && isTimeZone(page.time_zone) ? page.time_zone : null;
  if (page.time_zone && !timeZone)
    notes.push(`The time zone "${page.time_zone}" is not an IANA zone; the page keeps its own.`);
  const fingerprint = fingerprintOf(page);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.pageSettings.findFirst({ select: { id: true, statuspagePageId: true } });
    if (await isUnchanged(tx, "page", page.id, fingerprint, existing?.statuspagePageId === page.id))
      return { outcome: "unchanged", notes };
    const values = {
      ...(page.name.trim() ? { name: page.name.trim().slice(0, 200) } : {}),
      statuspagePageId: page.id,
      description: page.page_description,
      supportUrl: page.support_url && /^https?:\/\//i.test(page.support_url) ? page.support_url : null,
      twitter: page.twitter_username,
      contactEmail: page.notifications_from_email,
      footerText: page.notifications_email_footer,
      ...(timeZone ? { timeZone } : {}),
    };
    const saved = existing
      ? await tx.pageSettings.update({
          where: { id: existing.id },
          data: { ...values, demo: false, version: { increment: 1 } },
          select: { id: true },
        })
      : await tx.pageSettings.create({
          data: { name: "", ...values, url: readConfig().PUBLIC_URL ?? page.url ?? "http://localhost:3000" },
          select: { id: true },
        });
    await writeAudit(tx, ctx.actor, { action: "import.page", entityType: "page", entityId: saved.id, after: values });
    await recordImport(tx, "page", page.id, saved.id, fingerprint);
    return { outcome: existing ? "updated" : "created", notes };
  });
}
