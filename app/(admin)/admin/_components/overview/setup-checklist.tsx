import type { ReactNode } from "react";
import Link from "next/link";
import { Card } from "@/app/(admin)/admin/_components/card";
import { linkClass, mutedClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import type { PageSetup } from "@/server/queries/page-setup";

type Step = { title: string; done: boolean; body: ReactNode };

function steps(setup: PageSetup, emailReady: boolean): Step[] {
  const named = setup.name !== "";
  const hasComponents = setup.componentCount > 0;
  return [
    {
      title: "Name the page",
      done: named,
      body: (
        <>
          Until it has a name the public page is titled just &ldquo;Status&rdquo;.{" "}
          <Link href="/admin/settings" className={linkClass}>
            Open the settings
          </Link>
        </>
      ),
    },
    {
      title: "Add the first components",
      done: hasComponents,
      body: (
        <>
          The parts of your service readers check.{" "}
          <Link href="/admin/components" className={linkClass}>
            Add components
          </Link>
          , or bring a whole page over from Atlassian Statuspage with{" "}
          <code className="text-xs">npm run import:statuspage</code> (see{" "}
          <Link href="/admin/docs/migrating-from-statuspage" className={linkClass}>
            Migrating from Statuspage
          </Link>
          ).
        </>
      ),
    },
    {
      title: "Let readers subscribe by email (optional)",
      done: emailReady,
      body: (
        <>
          Readers are offered email updates once a mail server is set; webhooks and feeds work without one.{" "}
          <Link href="/admin/settings/email" className={linkClass}>
            Set up email
          </Link>
        </>
      ),
    },
    {
      title: "Ready",
      done: named && hasComponents,
      body: "The public page shows your components' status; declare an incident whenever something breaks.",
    },
  ];
}

/** Guides the owner of a new, empty page; gone once the page has a name and components. */
export function SetupChecklist({ setup, emailReady }: { setup: PageSetup; emailReady: boolean }) {
  if (setup.name !== "" && setup.componentCount > 0) return null;
  return (
    <Card id="setup-heading" title="Set up your status page">
      <ol className="space-y-3">
        {steps(setup, emailReady).map((step, index) => (
          <li key={step.title} className="flex gap-3">
            <span
              aria-hidden="true"
              className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                step.done
                  ? "bg-green-700 text-white"
                  : "border border-zinc-300 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300"
              }`}
            >
              {step.done ? "✓" : index + 1}
            </span>
            <div>
              <p className="text-sm font-medium">
                {step.title}
                <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              </p>
              <p className={mutedClass}>{step.body}</p>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
