import type { Metadata } from "next";
import Link from "next/link";
import { EmbedSnippet } from "@/components/embed-snippet";
import { pageBaseUrl } from "@/server/page-url";
import { BLANK_PAGE_SETTINGS } from "@/lib/blank-page-settings";
import { getAdminPageSettings } from "@/server/queries/admin-settings";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { AddressMismatchNotice } from "@/app/(admin)/admin/_components/address-mismatch-notice";
import { SettingsForm } from "@/app/(admin)/admin/settings/_components/settings-form";

export const metadata: Metadata = { title: "Page settings" };

export default async function SettingsPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const settings = await getAdminPageSettings({ ctx: { actor } });
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Page settings</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Subscriber emails are sent through the server named in{" "}
        <Link href="/admin/settings/email" className="text-blue-700 underline dark:text-blue-300">
          Email settings
        </Link>
        .
      </p>
      <SettingsForm
        defaultAddress={pageBaseUrl({ url: "" })}
        settings={settings ?? { ...BLANK_PAGE_SETTINGS, version: 1 }}
      />
      <section aria-labelledby="embed-heading" className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <h2 id="embed-heading" className="text-xl font-semibold">
          Embed the status elsewhere
        </h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Show the current status on your website, app or README. The public{" "}
          <Link href="/embed" className="text-blue-700 underline dark:text-blue-300">
            embed page
          </Link>{" "}
          has a live preview and these snippets for anyone to copy.
        </p>
        <AddressMismatchNotice
          pageUrl={pageBaseUrl({ url: settings?.url ?? "" })}
          context="The embed preview and these snippets load from the page's address, so from here the preview may stay blank."
        />
        <EmbedSnippet pageUrl={pageBaseUrl({ url: settings?.url ?? "" })} />
      </section>
    </div>
  );
}
