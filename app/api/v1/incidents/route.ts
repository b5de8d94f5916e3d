import { createIncidentEndpoint, listIncidents } from "@/server/api/v1/endpoints";

export const GET = listIncidents;
export const POST = createIncidentEndpoint;
