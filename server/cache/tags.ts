// Every cached public read is tagged with these; every mutation invalidates exactly the ones it touched.
export const TAGS = {
  page: "page",
  components: "components",
  componentHistory: "component-history",
  incidents: "incidents",
  incident: (incidentId: string) => `incident:${incidentId}`,
} as const;
