import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { AlertRuleForm } from "@/app/(admin)/admin/integrations/_components/alert-rule-form";
import { AlertRulesTable } from "@/app/(admin)/admin/integrations/_components/alert-rules-table";
import { RevokeIntegrationButton } from "@/app/(admin)/admin/integrations/_components/revoke-integration-button";
import { UpdateIntegrationForm } from "@/app/(admin)/admin/integrations/_components/update-integration-form";
import { formatUtcDateTime } from "@/lib/format";
import { ALERT_SOURCE_LABELS } from "@/lib/integrations";
import type { IntegrationItem } from "@/server/queries/integrations";

type Option = { id: string; name: string };

export function IntegrationCard({
  integration,
  baseUrl,
  components,
  templates,
}: {
  integration: IntegrationItem;
  baseUrl: string;
  components: Option[];
  templates: Option[];
}) {
  return (
    <article
      aria-label={integration.name}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="space-y-0.5">
          <h3 className="font-medium">
            {integration.name}{" "}
            <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">
              · {ALERT_SOURCE_LABELS[integration.source]}
            </span>
            {integration.revokedAt ? (
              <span className="ml-2 rounded bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700">Revoked</span>
            ) : null}
          </h3>
          <p className="break-all text-xs">
            <code>
              POST {baseUrl}/api/integrations/{integration.id}
            </code>
          </p>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Token <code>{integration.tokenPrefix}…</code> · fire after {integration.fireAfterSeconds} s, recover after{" "}
            {integration.recoverAfterSeconds} s ·{" "}
            {integration.lastReceivedAt
              ? `last received ${formatUtcDateTime(integration.lastReceivedAt)}`
              : "nothing received yet"}
          </p>
        </div>
        {integration.revokedAt ? null : (
          <RevokeIntegrationButton integrationId={integration.id} name={integration.name} />
        )}
      </div>
      {integration.firing.length ? (
        <ul
          aria-label={`Firing alerts of ${integration.name}`}
          className="space-y-0.5 text-sm text-red-800 dark:text-red-300"
        >
          {integration.firing.map((a) => (
            <li key={`${a.componentName}-${a.fingerprint}`}>
              Firing since {formatUtcDateTime(a.firingSince)} on {a.componentName}: {a.summary ?? a.fingerprint}
            </li>
          ))}
        </ul>
      ) : null}
      {integration.source !== "generic" || integration.rules.length ? (
        <AlertRulesTable integration={integration} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Generic JSON needs no rule for <code>{'{"component": …, "status": …}'}</code> reports; add rules to map{" "}
          <code>alerts</code> with labels.
        </p>
      )}
      {integration.revokedAt ? null : (
        <>
          <Disclosure summary={`Add a rule to ${integration.name}`}>
            <AlertRuleForm integrationId={integration.id} components={components} templates={templates} />
          </Disclosure>
          <Disclosure summary={`Edit ${integration.name}`}>
            <UpdateIntegrationForm integration={integration} />
          </Disclosure>
        </>
      )}
    </article>
  );
}
