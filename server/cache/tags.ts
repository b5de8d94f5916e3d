// Every cached public read is tagged with these; every mutation invalidates exactly the ones it touched.
export const TAGS = {
  page: "page",
  components: "components",
  componentHistory: "component-history",
  incidents: "incidents",
  incident: (incidentId: string) => `incident:${incidentId}`,
  /** The list of metrics and what the page shows of each (name, latest value, definition). */
  metrics: "metrics",
  /** One metric's points: its charts and JSON. */
  metric: (metricId: string) => `metric:${metricId}`,
} as const;
