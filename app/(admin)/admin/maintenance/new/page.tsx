import type { Metadata } from "next";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { toUtcInputValue } from "@/app/(admin)/admin/_lib/form-input";
import { ScheduleMaintenanceForm } from "@/app/(admin)/admin/maintenance/_components/schedule-maintenance-form";

export const metadata: Metadata = { title: "Schedule maintenance" };

function hourAfterNext(now: Date): Date {
  return new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
}

export default async function NewMaintenancePage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "responder")) return <NotAllowed role="responder" />;
  const tree = await getAdminComponentTree({ ctx: { actor } });
  const start = hourAfterNext(new Date());
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Schedule maintenance</h1>
      <ScheduleMaintenanceForm
        components={componentOptions(tree)}
        defaultStart={toUtcInputValue(start)}
        defaultEnd={toUtcInputValue(new Date(start.getTime() + 3_600_000))}
      />
    </div>
  );
}
