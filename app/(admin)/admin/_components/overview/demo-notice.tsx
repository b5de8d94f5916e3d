import { RemoveDemoForm } from "@/app/(admin)/admin/_components/overview/remove-demo-form";
import type { PageSetup } from "@/server/queries/page-setup";

function plural(count: number, one: string, many: string): string | null {
  return count === 0 ? null : `${count} ${count === 1 ? one : many}`;
}

/** What the demo still holds, in words: "12 components, 16 incidents and the demo's page settings". */
export function describeDemo(setup: PageSetup): string {
  const { demo } = setup;
  const parts = [
    plural(demo.components, "component", "components"),
    plural(demo.componentGroups, "group", "groups"),
    plural(demo.incidents, "incident", "incidents"),
    plural(demo.maintenances, "maintenance", "maintenances"),
    plural(demo.templates, "template", "templates"),
    setup.demoSettings ? "the demo's page settings" : null,
  ].filter((part): part is string => part !== null);
  if (parts.length <= 1) return parts[0] ?? "the demo data";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** Shown at the top of the overview while any demo row is left, so nobody mistakes the demo for their own page. */
export function DemoNotice({ setup, isOwner }: { setup: PageSetup; isOwner: boolean }) {
  if (!setup.hasDemo) return null;
  return (
    <section
      aria-labelledby="demo-notice-heading"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <h2 id="demo-notice-heading" className="font-semibold">
        This page shows demo data
      </h2>
      <p className="text-sm">
        The public page shows a fictional company&apos;s components and incidents ({describeDemo(setup)}) until the demo
        is removed.
        {isOwner ? null : " An owner can remove it."}
      </p>
      {isOwner ? <RemoveDemoForm summary={describeDemo(setup)} /> : null}
    </section>
  );
}
