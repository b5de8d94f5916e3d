import { getIncident, patchIncident } from "@/server/api/v1/endpoints";

export const GET = getIncident;
export const PATCH = patchIncident;
