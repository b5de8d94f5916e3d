import {
  COMPONENT_STATUS_LABELS,
  IMPACT_LABELS,
  INCIDENT_STATUS_LABELS,
  type AnyImpact,
  type AnyIncidentStatus,
  type ComponentStatus,
} from "@/lib/status";

const STATUS_TONE: Record<string, string> = {
  investigating: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  identified: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  monitoring: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  resolved: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  postmortem: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  scheduled: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
  in_progress: "bg-blue-200 text-blue-950 dark:bg-blue-900 dark:text-blue-100",
  verifying: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
  completed: "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
};

export function StatusPill({ status }: { status: AnyIncidentStatus }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_TONE[status] ?? ""}`}>
      {INCIDENT_STATUS_LABELS[status]}
    </span>
  );
}

export function ImpactLabel({ impact }: { impact: AnyImpact }) {
  return <span className="text-xs text-zinc-600 dark:text-zinc-400">Impact: {IMPACT_LABELS[impact]}</span>;
}

const COMPONENT_TONE: Record<ComponentStatus, string> = {
  operational: "text-green-800 dark:text-green-300",
  degraded_performance: "text-yellow-800 dark:text-yellow-300",
  partial_outage: "text-orange-800 dark:text-orange-300",
  major_outage: "text-red-800 dark:text-red-300",
  under_maintenance: "text-blue-800 dark:text-blue-300",
};

export function ComponentStatusText({ status }: { status: ComponentStatus }) {
  return <span className={`text-sm font-medium ${COMPONENT_TONE[status]}`}>{COMPONENT_STATUS_LABELS[status]}</span>;
}
