import "server-only";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { INCIDENT_STATUSES, type IncidentStatus } from "@/lib/status";
import { parseWebhookUrl } from "@/server/notifications/target-guard";
import { newSigningSecret, newToken } from "@/server/services/subscribers/tokens";
import { replaceComponents } from "@/server/services/subscribers/shared";
import {
  fingerprintOf,
  isUnchanged,
  parseSource,
  recordImport,
  type ImportOutcome,
} from "@/server/services/imports/import-shared";
import { sourceSubscriberSchema, sourceTemplateSchema } from "@/server/services/imports/source-schemas";

/** Creates or updates an incident template under its Statuspage id; a name another template here already has is skipped. */
export async function importTemplate({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<ImportOutcome> {
  authorize(ctx.actor, "owner");
  const template = parseSource(sourceTemplateSchema, input);
  const fingerprint = fingerprintOf(template);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.messageTemplate.findUnique({ where: { id: template.id }, select: { id: true } });
    if (await isUnchanged(tx, "template", template.id, fingerprint, Boolean(existing))) return { outcome: "unchanged" };
    const name = template.name.slice(0, 200);
    const sameName = await tx.messageTemplate.findUnique({ where: { name }, select: { id: true } });
    if (sameName && sameName.id !== template.id)
      return { outcome: "skipped", reason: `A template named "${name}" already exists here.` };
    if (!template.body.trim()) return { outcome: "skipped", reason: "The template has no body." };
    const status = (INCIDENT_STATUSES as readonly string[]).includes(template.update_status ?? "")
      ? (template.update_status as IncidentStatus)
      : null;
    const values = { name, title: template.title, status, body: template.body };
    await tx.messageTemplate.upsert({
      where: { id: template.id },
      create: { id: template.id, ...values },
      update: values,
    });
    await writeAudit(tx, ctx.actor, {
      action: "import.template",
      entityType: "template",
      entityId: template.id,
      after: values,
    });
    await recordImport(tx, "template", template.id, template.id, fingerprint);
    return { outcome: existing ? "updated" : "created" };
  });
}

/**
 * Creates or updates an email or webhook subscriber, confirmed or not as in the source, with its component choices
 * (none listed means the whole page). Nothing is sent: no confirmation email, no welcome message. SMS, Slack and Teams
 * subscribers, and those whose every component is missing here, are skipped with the reason; components missing
 * beside existing ones are named in `notes`. `importedComponentIds` are this run's components, which a dry run has
 * rolled back: they count as present, so a dry run decides as the real run will.
 */
export async function importSubscriber({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { subscriber: unknown; confirmed: boolean; importedComponentIds?: string[] };
}): Promise<ImportOutcome & { notes?: string[] }> {
  authorize(ctx.actor, "owner");
  const subscriber = parseSource(sourceSubscriberSchema, input.subscriber);
  const fingerprint = fingerprintOf({ subscriber, confirmed: input.confirmed });
  if (subscriber.mode !== "email" && subscriber.mode !== "webhook") {
    return {
      outcome: "skipped",
      reason: `${subscriber.mode} subscribers are not supported here (only email and webhook).`,
    };
  }
  if (subscriber.mode === "email" && !subscriber.email?.includes("@"))
    return { outcome: "skipped", reason: "The email subscriber has no address." };
  if (subscriber.mode === "webhook") {
    try {
      parseWebhookUrl(subscriber.endpoint ?? "");
    } catch (error) {
      return { outcome: "skipped", reason: `Webhook endpoint refused: ${(error as Error).message}` };
    }
  }
  const kind = subscriber.mode === "webhook" ? ("webhook" as const) : ("email" as const);
  return inTransaction(ctx, async (tx) => {
    const record = await tx.importRecord.findUnique({
      where: { objectType_sourceId: { objectType: "subscriber", sourceId: subscriber.id } },
      select: { localId: true },
    });
    const email = subscriber.email?.trim().toLowerCase() ?? null;
    const addressKey = subscriber.mode === "email" ? `email:${email}:all` : null;
    const existing =
      (record && (await tx.subscriber.findUnique({ where: { id: record.localId }, select: { id: true } }))) ||
      (addressKey && (await tx.subscriber.findUnique({ where: { addressKey }, select: { id: true } }))) ||
      (await tx.subscriber.findUnique({ where: { id: subscriber.id }, select: { id: true } }));
    if (await isUnchanged(tx, "subscriber", subscriber.id, fingerprint, Boolean(existing)))
      return { outcome: "unchanged" };
    const wanted = [...new Set(subscriber.components)];
    const rows = wanted.length
      ? await tx.component.findMany({ where: { id: { in: wanted } }, select: { id: true } })
      : [];
    const componentIds = rows.map((r) => r.id);
    const present = new Set([...componentIds, ...(input.importedComponentIds ?? [])]);
    const followed = wanted.filter((id) => present.has(id));
    const missing = wanted.filter((id) => !present.has(id));
    if (wanted.length && followed.length === 0)
      return {
        outcome: "skipped",
        reason: `Subscribed only to components that do not exist here (${missing.join(", ")}).`,
      };
    const notes = missing.length
      ? [
          `Subscriber ${subscriber.id} was subscribed to components that do not exist here (${missing.join(", ")}); it now follows only ${followed.join(", ")}.`,
        ]
      : [];
    const values = {
      confirmedAt: input.confirmed ? (subscriber.created_at ?? new Date()) : null,
      confirmTokenHash: null,
      unsubscribedAt: null,
      disabledAt: subscriber.quarantined_at,
      disabledReason: subscriber.quarantined_at ? "Quarantined on Statuspage before the import." : null,
      allComponents: wanted.length === 0,
      incidentId: null,
    };
    const saved = existing
      ? await tx.subscriber.update({ where: { id: existing.id }, data: values, select: { id: true } })
      : await tx.subscriber.create({
          data: {
            id: subscriber.id,
            kind,
            email,
            endpoint: subscriber.mode === "webhook" ? subscriber.endpoint : null,
            signingSecret: subscriber.mode === "webhook" ? newSigningSecret() : null,
            addressKey,
            manageToken: newToken(),
            ...(subscriber.created_at ? { createdAt: subscriber.created_at } : {}),
            ...values,
          },
          select: { id: true },
        });
    await replaceComponents(tx, saved.id, componentIds);
    await writeAudit(tx, ctx.actor, {
      action: "import.subscriber",
      entityType: "subscriber",
      entityId: saved.id,
      after: { kind: subscriber.mode, confirmed: input.confirmed, componentIds },
    });
    await recordImport(tx, "subscriber", subscriber.id, saved.id, fingerprint);
    return { outcome: existing ? "updated" : "created", notes };
  });
}
