import type { Metadata } from "next";
import { formatUtcDateTime } from "@/lib/format";
import { roleAtLeast } from "@/lib/status";
import { listApiKeys } from "@/server/queries/api-keys";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { Card, EmptyCard } from "@/app/(admin)/admin/_components/card";
import { PageIntro } from "@/app/(admin)/admin/_components/page-heading";
import { CreateApiKeyForm } from "@/app/(admin)/admin/api-keys/_components/create-api-key-form";
import { RevokeApiKeyForm } from "@/app/(admin)/admin/api-keys/_components/revoke-api-key-form";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const keys = await listApiKeys({ ctx: { actor } });
  return (
    <div className="space-y-6">
      <PageIntro title="API keys">
        Keys let alerting tools and chat bots use the <code>/api/v1</code> endpoints with{" "}
        <code>Authorization: Bearer &lt;key&gt;</code>.
      </PageIntro>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="keys-heading" className="space-y-2">
          <h2 id="keys-heading" className="sr-only">
            Existing keys
          </h2>
          {keys.length === 0 ? (
            <EmptyCard>No API keys yet.</EmptyCard>
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
              {keys.map((key) => (
                <li key={key.id} className="flex flex-wrap items-start justify-between gap-3 p-3">
                  <div className="space-y-0.5">
                    <p className="font-medium">
                      {key.name}{" "}
                      {key.revokedAt ? (
                        <span className="rounded bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700">Revoked</span>
                      ) : null}
                    </p>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      <code>{key.prefix}…</code> · <span className="capitalize">{key.role}</span> · created{" "}
                      {formatUtcDateTime(key.createdAt)}
                      {key.createdByName ? ` by ${key.createdByName}` : ""}
                    </p>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {key.revokedAt
                        ? `Revoked ${formatUtcDateTime(key.revokedAt)}`
                        : key.lastUsedAt
                          ? `Last used ${formatUtcDateTime(key.lastUsedAt)}`
                          : "Never used"}
                    </p>
                  </div>
                  {key.revokedAt ? null : <RevokeApiKeyForm apiKeyId={key.id} name={key.name} />}
                </li>
              ))}
            </ul>
          )}
        </section>
        <Card id="new-key-heading" title="New key">
          <CreateApiKeyForm />
        </Card>
      </div>
    </div>
  );
}
