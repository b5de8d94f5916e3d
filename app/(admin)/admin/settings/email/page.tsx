import type { Metadata } from "next";
import Link from "next/link";
import { formatUtcDateTime } from "@/lib/format";
import { roleAtLeast } from "@/lib/status";
import { getMailSettingsForOwner } from "@/server/queries/mail-settings";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { Section } from "@/app/(admin)/admin/_components/section";
import { EmailSettingsForm } from "@/app/(admin)/admin/settings/email/_components/email-settings-form";
import { TestEmailForm } from "@/app/(admin)/admin/settings/email/_components/test-email-form";

export const metadata: Metadata = { title: "Email settings" };

export default async function EmailSettingsPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const view = await getMailSettingsForOwner({ ctx: { actor } });
  const { lastTest } = view;
  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-2">
        <p className="text-sm">
          <Link href="/admin/settings" className="text-blue-700 underline dark:text-blue-300">
            Page settings
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Email settings</h1>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {view.effective.configured
            ? "Email is configured: readers can subscribe by email and are notified through this server."
            : "Email is not configured, so readers are offered webhooks and feeds only. Name an SMTP server below (or set SMTP_URL and MAIL_FROM in the environment) to offer email subscriptions."}
        </p>
      </div>
      <EmailSettingsForm environment={view.environment} saved={view.saved} defaultMailFrom={view.defaultMailFrom} />
      <Section
        id="mail-test-heading"
        title="Test email"
        className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800"
      >
        {lastTest ? (
          <div
            data-testid="mail-last-test"
            className={`rounded-md p-3 text-sm ${lastTest.ok ? "bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100" : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"}`}
          >
            <p className="font-medium">
              Last test, {formatUtcDateTime(lastTest.at)}: {lastTest.ok ? "accepted" : "refused"}
            </p>
            <p className="mt-1">
              The mail server answered: <code className="break-all">{lastTest.answer}</code>
            </p>
          </div>
        ) : (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            No test email has been sent with these settings yet.
          </p>
        )}
        {view.effective.configured ? <TestEmailForm defaultTo={actor.email} /> : null}
      </Section>
    </div>
  );
}
