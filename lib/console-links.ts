// Console addresses that the console's pages and the queries behind them (the audit log's links) both build.

/** Where the console shows an incident or a maintenance: each under its own section. */
export function incidentHref({ kind, id }: { kind: "incident" | "maintenance"; id: string }): string {
  return kind === "maintenance" ? `/admin/maintenance/${id}` : `/admin/incidents/${id}`;
}
