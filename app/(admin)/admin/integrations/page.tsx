import type { Metadata } from "next";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { listIntegrations } from "@/server/queries/integrations";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { getAdminPageSettings, listAdminTemplates } from "@/server/queries/admin-settings";
import { pageBaseUrl } from "@/server/api/statuspage-serializers";
import { formatUtcDateTime } from "@/lib/format";
import { ALERT_INCIDENT_MODE_LABELS, ALERT_SOURCE_LABELS } from "@/lib/integrations";
import { COMPONENT_STATUS_LABELS, roleAtLeast } from "@/lib/status";
import {
  AlertRuleForm,
  CreateIntegrationForm,
  DeleteRuleButton,
  RevokeIntegrationButton,
  UpdateIntegrationForm,
} from "@/app/(admin)/admin/integrations/integration-forms";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const [integrations, tree, settings, templates] = await Promise.all([
    listIntegrations(actor),
    getAdminComponentTree({ ctx: { actor } }),
    getAdminPageSettings({ ctx: { actor } }),
    listAdminTemplates({ ctx: { actor } }),
  ]);
  const baseUrl = pageBaseUrl({ url: settings?.url ?? "" });
  const components = componentOptions(tree).map((c) => ({
    id: c.id,
    name: c.groupName ? `${c.groupName} › ${c.name}` : c.name,
  }));
  const templateOptions = templates.map((t) => ({ id: t.id, name: t.name }));
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Integrations</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Let Alertmanager, Grafana or any script change components. Rules map alert labels to a component and status;
          the worst firing alert wins, and a component recovers when all its alerts have resolved. Every change is made
          and audited as the integration. See docs/integrations.md.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="integrations-heading" className="space-y-3">
          <h2 id="integrations-heading" className="text-lg font-semibold">
            Integrations
          </h2>
          {integrations.length === 0 ? (
            <p className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
              No integrations yet.
            </p>
          ) : null}
          {integrations.map((integration) => (
            <article
              key={integration.id}
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
                    Token <code>{integration.tokenPrefix}…</code> · fire after {integration.fireAfterSeconds} s, recover
                    after {integration.recoverAfterSeconds} s ·{" "}
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
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Rules of {integration.name}</caption>
                  <thead className="text-xs uppercase text-zinc-600 dark:text-zinc-400">
                    <tr>
                      <th scope="col" className="py-1 pr-2">
                        When labels match
                      </th>
                      <th scope="col" className="py-1 pr-2">
                        Component
                      </th>
                      <th scope="col" className="py-1 pr-2">
                        While firing
                      </th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
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
                            <div className="text-xs text-zinc-600 dark:text-zinc-400">
                              {ALERT_INCIDENT_MODE_LABELS[rule.incidentMode]} ({rule.templateName ?? "template deleted"}
                              )
                            </div>
                          ) : null}
                          {rule.overrideIncidents ? (
                            <div className="text-xs text-zinc-600 dark:text-zinc-400">
                              Even during a responder’s incident
                            </div>
                          ) : null}
                        </td>
                        <td className="py-1 text-right">
                          {integration.revokedAt ? null : <DeleteRuleButton ruleId={rule.id} />}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  Generic JSON needs no rule for <code>{'{"component": …, "status": …}'}</code> reports; add rules to
                  map <code>alerts</code> with labels.
                </p>
              )}
              {integration.revokedAt ? null : (
                <>
                  <details>
                    <summary className="cursor-pointer text-sm text-blue-700 dark:text-blue-300">
                      Add a rule to {integration.name}
                    </summary>
                    <div className="pt-3">
                      <AlertRuleForm
                        integrationId={integration.id}
                        components={components}
                        templates={templateOptions}
                      />
                    </div>
                  </details>
                  <details>
                    <summary className="cursor-pointer text-sm text-blue-700 dark:text-blue-300">
                      Edit {integration.name}
                    </summary>
                    <div className="pt-3">
                      <UpdateIntegrationForm integration={integration} />
                    </div>
                  </details>
                </>
              )}
            </article>
          ))}
        </section>
        <section
          aria-labelledby="new-integration-heading"
          className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="new-integration-heading" className="text-lg font-semibold">
            New integration
          </h2>
          <CreateIntegrationForm baseUrl={baseUrl} />
        </section>
      </div>
    </div>
  );
}
