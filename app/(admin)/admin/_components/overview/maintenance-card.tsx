import { Card } from "@/app/(admin)/admin/_components/card";
import { MaintenanceItem } from "@/app/(admin)/admin/_components/overview/maintenance-item";
import { listClass, mutedClass } from "@/app/(admin)/admin/_components/overview/overview-styles";
import { SeeAllLink } from "@/app/(admin)/admin/_components/overview/see-all-link";
import type { ConsoleOverview } from "@/server/queries/console-overview";

/** Maintenance in progress, if any, and what is scheduled next. */
export function MaintenanceCard({ overview }: { overview: ConsoleOverview }) {
  const { active, upcoming } = overview.maintenance;
  const now = overview.generatedAt;
  return (
    <Card
      id="maintenance-heading"
      title="Maintenance"
      action={<SeeAllLink href="/admin/maintenance">All maintenance</SeeAllLink>}
    >
      {active.length ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">In progress</h3>
          <ul className={listClass}>
            {active.map((item) => (
              <MaintenanceItem key={item.id} item={item} now={now} />
            ))}
          </ul>
        </div>
      ) : null}
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Upcoming</h3>
        {upcoming.length ? (
          <ul className={listClass}>
            {upcoming.map((item) => (
              <MaintenanceItem key={item.id} item={item} now={now} />
            ))}
          </ul>
        ) : (
          <p className={mutedClass}>No maintenance scheduled.</p>
        )}
      </div>
    </Card>
  );
}
