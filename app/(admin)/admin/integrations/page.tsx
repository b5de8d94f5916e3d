import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { Card, EmptyCard } from "@/app/(admin)/admin/_components/card";
import { PageIntro } from "@/app/(admin)/admin/_components/page-heading";
import { Section } from "@/app/(admin)/admin/_components/section";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { listIntegrations } from "@/server/queries/integrations";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { getAdminPageSettings, listAdminTemplates } from "@/server/queries/admin-settings";
import { pageBaseUrl } from "@/server/api/statuspage-serializers";
import { roleAtLeast } from "@/lib/status";
import { CreateIntegrationForm } from "@/app/(admin)/admin/integrations/_components/create-integration-form";
import { IntegrationCard } from "@/app/(admin)/admin/integrations/_components/integration-card";

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
      <PageIntro title="Integrations">
        Let Alertmanager, Grafana or any script change components. Rules map alert labels to a component and status; the
        worst firing alert wins, and a component recovers when all its alerts have resolved. Every change is made and
        audited as the integration. See the{" "}
        <Link href="/admin/docs/integrations" className="text-blue-700 underline dark:text-blue-300">
          integrations guide
        </Link>{" "}
        (docs/integrations.md).
      </PageIntro>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Section id="integrations-heading" title="Integrations">
          {integrations.length === 0 ? <EmptyCard>No integrations yet.</EmptyCard> : null}
          {integrations.map((integration) => (
            <IntegrationCard
              key={integration.id}
              integration={integration}
              baseUrl={baseUrl}
              components={components}
              templates={templateOptions}
            />
          ))}
        </Section>
        <Card id="new-integration-heading" title="New integration">
          <CreateIntegrationForm baseUrl={baseUrl} />
        </Card>
      </div>
    </div>
  );
}
