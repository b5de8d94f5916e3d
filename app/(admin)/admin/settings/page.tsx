import type { Metadata } from "next";
import { getAdminPageSettings } from "@/server/queries/admin-settings";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { SettingsForm } from "@/app/(admin)/admin/settings/settings-form";

export const metadata: Metadata = { title: "Page settings" };

export default async function SettingsPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const settings = await getAdminPageSettings({ ctx: { actor } });
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Page settings</h1>
      <SettingsForm
        settings={
          settings ?? {
            name: "", url: "", timeZone: "Etc/UTC", brandColor: "#2563eb", logoUrl: null, faviconUrl: null, supportUrl: null, contactEmail: null,
            twitter: null, privacyUrl: null, footerText: null, description: null, version: 1,
          }
        }
      />
    </div>
  );
}
