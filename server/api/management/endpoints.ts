import "server-only";
import { managementDispatcher, type Endpoint } from "@/server/api/management/router";
import { incidentEndpoints } from "@/server/api/management/incidents";
import { componentEndpoints } from "@/server/api/management/components";

export const MANAGEMENT_ENDPOINTS: Endpoint[] = [...incidentEndpoints, ...componentEndpoints];

export const handleManagementRequest = managementDispatcher(MANAGEMENT_ENDPOINTS);
