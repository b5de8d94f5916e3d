import { ColumnHeads } from "@/app/(admin)/admin/_components/column-heads";
import { DeleteRuleButton } from "@/app/(admin)/admin/integrations/_components/delete-rule-button";
import { ALERT_INCIDENT_MODE_LABELS } from "@/lib/integrations";
import { COMPONENT_STATUS_LABELS } from "@/lib/status";
import type { IntegrationItem } from "@/server/queries/integrations";

const noteClass = "text-xs text-zinc-600 dark:text-zinc-400";

export function AlertRulesTable({ integration }: { integration: IntegrationItem }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Rules of {integration.name}</caption>
      <ColumnHeads
        className="text-xs uppercase text-zinc-600 dark:text-zinc-400"
        cellClassName="py-1 pr-2"
        columns={["When labels match", "Component", "While firing"]}
        actions
      />
      <tbody>
        {integration.rules.length === 0 ? (
          <tr>
            <td colSpan={4} className="py-1 text-zinc-600 dark:text-zinc-400">
              No rules yet: alerts are acknowledged and ignored.
            </td>
          </tr>
        ) : null}
        {integration.rules.map((rule) => (
          <tr key={rule.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
            <td className="py-1 pr-2">
              <code className="break-all">{rule.matchers}</code>
              {rule.problem ? (
                <p className="text-xs text-red-700 dark:text-red-300">
                  Skipped when alerts arrive: {rule.problem} Delete the rule and add a corrected one.
                </p>
              ) : null}
            </td>
            <td className="py-1 pr-2">{rule.componentName}</td>
            <td className="py-1 pr-2">
              {COMPONENT_STATUS_LABELS[rule.firingStatus]}
              {rule.incidentMode !== "none" ? (
                <div className={noteClass}>
                  {ALERT_INCIDENT_MODE_LABELS[rule.incidentMode]} ({rule.templateName ?? "template deleted"})
                </div>
              ) : null}
              {rule.overrideIncidents ? <div className={noteClass}>Even during a responder’s incident</div> : null}
            </td>
            <td className="py-1 text-right">{integration.revokedAt ? null : <DeleteRuleButton ruleId={rule.id} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
