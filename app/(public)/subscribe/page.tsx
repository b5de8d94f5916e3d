import type { Metadata } from "next";
import { pageTitle } from "@/lib/page-title";
import { getComponentTree, getPage } from "@/server/queries/public-status";
import { getEmailSubscriptionOffered } from "@/server/queries/mail-settings";
import { SubscribeForm } from "@/app/(public)/subscribe/_components/subscribe-form";
import { pickerGroups } from "@/app/(public)/subscribe/_components/picker-groups";

export async function generateMetadata(): Promise<Metadata> {
  const page = await getPage();
  return { title: `Subscribe to updates - ${pageTitle(page.name)}` };
}

const EXAMPLE = `const [t, v1] = header.split(",").map((p) => p.split("=")[1]);
const expected = crypto.createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest("hex");
const valid = crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected))
  && Math.abs(Date.now() / 1000 - Number(t)) < 300;`;

export default async function SubscribePage() {
  const [page, tree, emailOffered] = await Promise.all([getPage(), getComponentTree(), getEmailSubscriptionOffered()]);
  const pageName = page.name.trim() || "this page";
  return (
    <div className="space-y-10">
      <section aria-labelledby="subscribe-heading" className="max-w-2xl space-y-4">
        <h1 id="subscribe-heading" className="text-2xl font-semibold">
          Subscribe to updates
        </h1>
        {emailOffered ? (
          <p className="text-zinc-700 dark:text-zinc-300">
            Get an email or a webhook whenever {pageName} posts an incident or maintenance update. Email subscriptions
            are confirmed by a link we send you, and every email has a one-click unsubscribe link.
          </p>
        ) : (
          <p className="text-zinc-700 dark:text-zinc-300">
            Get a webhook whenever {pageName} posts an incident or maintenance update, or follow the{" "}
            <a href="/history.rss" className="underline">
              RSS
            </a>{" "}
            or{" "}
            <a href="/history.atom" className="underline">
              Atom
            </a>{" "}
            feed in your reader. This page does not send email.
          </p>
        )}
        <SubscribeForm groups={pickerGroups(tree)} emailOffered={emailOffered} />
      </section>
      <details
        id="webhooks"
        className="max-w-2xl space-y-3 rounded-md border border-zinc-200 p-3 text-sm text-zinc-700 dark:border-zinc-800 dark:text-zinc-300"
      >
        <summary className="cursor-pointer font-medium text-zinc-900 dark:text-zinc-100">
          For developers: webhook format and signatures
        </summary>
        <p>
          Each notification is a <code>POST</code> with a JSON body shaped like Atlassian Statuspage&apos;s webhooks:{" "}
          <code>meta</code>, <code>page</code>, and either <code>incident</code> (with its <code>incident_updates</code>
          ) or <code>component_update</code> and <code>component</code>. Answer with any 2xx status within 10 seconds;
          other answers, redirects and timeouts are retried with exponential backoff for up to 24 hours. A URL that
          keeps failing is disabled.
        </p>
        <p>
          The <code>Webhook-Id</code> header (also sent as <code>X-Statuspage-Delivery-Id</code>) is the same on every
          retry of one notification: store it and ignore repeats, and you will process each notification exactly once.
        </p>
        <p>
          Verify <code>X-Statuspage-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>: <code>v1</code> is the
          HMAC-SHA256 of <code>&lt;t&gt;.&lt;raw body&gt;</code> keyed with your signing secret. Reject old timestamps
          to stop replays. In Node.js:
        </p>
        <pre
          tabIndex={0}
          aria-label="Signature check in Node.js"
          className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs focus-visible:outline-2 focus-visible:outline-blue-600 dark:bg-zinc-900"
        >
          <code>{EXAMPLE}</code>
        </pre>
      </details>
    </div>
  );
}
