/** Opens the incident's public page in a new tab, to see what readers see. */
export function PublicIncidentLink({ incidentId, className }: { incidentId: string; className: string }) {
  return (
    <a href={`/incidents/${incidentId}`} target="_blank" rel="noopener" className={className}>
      View public page ↗
    </a>
  );
}
