import "server-only";
import { z } from "zod";
import { actorUserId, authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, optionalText, parseInput, requiredText } from "@/server/services/validation";
import { AppError } from "@/server/errors";
import { bodySchema } from "@/server/services/incidents/incident-shared";
import { INCIDENT_STATUSES, LIMITS } from "@/lib/status";

export const templateSchema = z.object({
  name: requiredText("Name", LIMITS.nameMax),
  title: optionalText(LIMITS.nameMax),
  status: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(INCIDENT_STATUSES, { error: "Choose a status." }).optional(),
  ),
  body: bodySchema,
});

const templateSelect = { id: true, name: true, title: true, status: true, body: true } as const;

async function assertNameFree(tx: Parameters<Parameters<typeof inTransaction>[1]>[0], name: string, exceptId?: string) {
  const existing = await tx.messageTemplate.findUnique({ where: { name }, select: { id: true } });
  if (existing && existing.id !== exceptId)
    throw new AppError("VALIDATION", "Some fields need attention.", {
      name: ["A template with this name already exists."],
    });
}

export async function createTemplate({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof templateSchema> }) {
  authorize(ctx.actor, "responder");
  const data = parseInput(templateSchema, input);
  return inTransaction(ctx, async (tx) => {
    await assertNameFree(tx, data.name);
    const template = await tx.messageTemplate.create({
      data: {
        name: data.name,
        title: data.title ?? null,
        status: data.status ?? null,
        body: data.body,
        createdById: actorUserId(ctx.actor),
      },
      select: templateSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "template.create",
      entityType: "template",
      entityId: template.id,
      after: template,
    });
    return { template, tags: [] as string[] };
  });
}

export const updateTemplateSchema = templateSchema.extend({ templateId: id("Template") });

export async function updateTemplate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof updateTemplateSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(updateTemplateSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.messageTemplate.findUnique({ where: { id: data.templateId }, select: templateSelect });
    if (!before) throw new AppError("NOT_FOUND", "That template no longer exists.");
    await assertNameFree(tx, data.name, before.id);
    const template = await tx.messageTemplate.update({
      where: { id: before.id },
      data: { name: data.name, title: data.title ?? null, status: data.status ?? null, body: data.body },
      select: templateSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "template.edit",
      entityType: "template",
      entityId: template.id,
      before,
      after: template,
    });
    return { template, tags: [] as string[] };
  });
}

export const deleteTemplateSchema = z.object({ templateId: id("Template") });

export async function deleteTemplate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof deleteTemplateSchema>;
}) {
  authorize(ctx.actor, "responder");
  const data = parseInput(deleteTemplateSchema, input);
  return inTransaction(ctx, async (tx) => {
    const before = await tx.messageTemplate.findUnique({ where: { id: data.templateId }, select: templateSelect });
    if (!before) throw new AppError("NOT_FOUND", "That template no longer exists.");
    await tx.messageTemplate.delete({ where: { id: before.id } });
    await writeAudit(tx, ctx.actor, { action: "template.delete", entityType: "template", entityId: before.id, before });
    return { tags: [] as string[] };
  });
}
