import { resolveIncidentEndpoint } from "@/server/api/v1/endpoints";

export const POST = resolveIncidentEndpoint;
