import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { formatMatchers, MatcherSyntaxError, parseMatchers } from "@/lib/alert-matchers";
import { ALERT_INCIDENT_MODES } from "@/lib/integrations";
import { COMPONENT_STATUSES } from "@/lib/status";

const matchersField = z
  .string({ error: "Matchers are required." })
  .trim()
  .min(1, 'Write at least one matcher, such as service="api".')
  .transform((value, ctx) => {
    try {
      return formatMatchers(parseMatchers(value));
    } catch (error) {
      ctx.addIssue({
        code: "custom",
        message: error instanceof MatcherSyntaxError ? error.message : "These matchers cannot be read.",
      });
      return z.NEVER;
    }
  });

export const alertRuleSchema = z.object({
  integrationId: id("Integration"),
  matchers: matchersField,
  componentId: id("Component"),
  firingStatus: z.enum(
    COMPONENT_STATUSES.filter((s) => s !== "operational") as [
      "degraded_performance",
      "partial_outage",
      "major_outage",
      "under_maintenance",
    ],
    { error: "Choose the status a firing alert sets." },
  ),
  overrideIncidents: z.boolean({ error: "Choose whether the rule overrides incidents." }).default(false),
  incidentMode: z.enum(ALERT_INCIDENT_MODES, { error: "Choose what happens on a major outage." }).default("none"),
  incidentTemplateId: id("Template").optional(),
});

const ruleSelect = {
  id: true,
  integrationId: true,
  matchers: true,
  componentId: true,
  firingStatus: true,
  overrideIncidents: true,
  incidentMode: true,
  incidentTemplateId: true,
  position: true,
} as const;

/** Adds a rule: label matchers → component and the status a firing alert puts it in. */
export async function createAlertRule({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof alertRuleSchema> }) {
  authorize(ctx.actor, "owner");
  const data = parseInput(alertRuleSchema, input);
  if (data.incidentMode !== "none" && !data.incidentTemplateId) {
    throw new AppError("VALIDATION", "Some fields need attention.", {
      incidentTemplateId: ["Choose the template the incident is written from."],
    });
  }
  return inTransaction(ctx, async (tx) => {
    const [integration, component, template] = await Promise.all([
      tx.alertIntegration.findUnique({
        where: { id: data.integrationId },
        select: { id: true, source: true, revokedAt: true },
      }),
      tx.component.findUnique({ where: { id: data.componentId }, select: { id: true } }),
      data.incidentTemplateId
        ? tx.messageTemplate.findUnique({ where: { id: data.incidentTemplateId }, select: { id: true } })
        : null,
    ]);
    if (!integration || integration.revokedAt)
      throw new AppError("NOT_FOUND", "That integration no longer exists or is revoked.");
    if (!component)
      throw new AppError("VALIDATION", "Some fields need attention.", {
        componentId: ["That component no longer exists."],
      });
    if (data.incidentTemplateId && !template)
      throw new AppError("VALIDATION", "Some fields need attention.", {
        incidentTemplateId: ["That template no longer exists."],
      });
    const position = await tx.alertRule.count({ where: { integrationId: data.integrationId } });
    const rule = await tx.alertRule.create({
      data: { ...data, incidentTemplateId: data.incidentTemplateId ?? null, position },
      select: ruleSelect,
    });
    await writeAudit(tx, ctx.actor, {
      action: "alert-rule.create",
      entityType: "integration",
      entityId: data.integrationId,
      after: rule,
    });
    return { rule, tags: [] as string[] };
  });
}

export const alertRuleIdSchema = z.object({ ruleId: id("Rule") });

/** Deletes a rule; alerts it matched stop holding their component, which the scheduler then evaluates again. */
export async function deleteAlertRule({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof alertRuleIdSchema>;
}) {
  authorize(ctx.actor, "owner");
  const data = parseInput(alertRuleIdSchema, input);
  return inTransaction(ctx, async (tx) => {
    const rule = await tx.alertRule.findUnique({ where: { id: data.ruleId }, select: ruleSelect });
    if (!rule) throw new AppError("NOT_FOUND", "That rule no longer exists.");
    await tx.alertRule.delete({ where: { id: rule.id } });
    await tx.componentAutomation.updateMany({
      where: { componentId: rule.componentId },
      data: { checkAt: new Date() },
    });
    await writeAudit(tx, ctx.actor, {
      action: "alert-rule.delete",
      entityType: "integration",
      entityId: rule.integrationId,
      before: rule,
    });
    return { ruleId: rule.id, tags: [] as string[] };
  });
}
