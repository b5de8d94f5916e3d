import type { ComponentStatus } from "@/lib/status";

type SummaryComponent = { status: ComponentStatus };
type SummaryInput<C extends SummaryComponent> = {
  incidents: { stale: boolean }[];
  components: C[];
  /** How many components the page has at all; none means there is nothing to call operational yet. */
  componentCount?: number;
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The components not operational, split the way the overview lists them: impaired first, then under maintenance. */
export function splitComponents<C extends SummaryComponent>(components: C[]): { impaired: C[]; maintenance: C[] } {
  return {
    impaired: components.filter((c) => c.status !== "operational" && c.status !== "under_maintenance"),
    maintenance: components.filter((c) => c.status === "under_maintenance"),
  };
}

/**
 * The overview's one-line summary, counted from the same split the components card lists, so the line and the
 * list below it always agree. `calm` is true when nothing is open and nothing is impaired.
 */
export function summarizeOverview<C extends SummaryComponent>(
  overview: SummaryInput<C>,
): { parts: string[]; calm: boolean } {
  const open = overview.incidents.length;
  const stale = overview.incidents.filter((i) => i.stale).length;
  const { impaired, maintenance } = splitComponents(overview.components);
  const parts = [
    open ? `${plural(open, "open incident")}` : "No open incidents",
    ...(stale ? [`${stale} need${stale === 1 ? "s" : ""} an update`] : []),
    ...(impaired.length ? [`${plural(impaired.length, "component")} degraded or down`] : []),
    ...(maintenance.length ? [`${maintenance.length} under maintenance`] : []),
  ];
  if (overview.componentCount === 0) parts.push("no components yet");
  else if (!impaired.length && !maintenance.length) parts.push("all components operational");
  return { parts, calm: open === 0 && impaired.length === 0 };
}
