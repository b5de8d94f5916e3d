import "server-only";
import { managementDispatcher, type Endpoint } from "@/server/api/management/router";
import { incidentEndpoints } from "@/server/api/management/incidents";
import { componentEndpoints } from "@/server/api/management/components";
import { subscriberEndpoints } from "@/server/api/management/subscribers";
import { postmortemEndpoints } from "@/server/api/management/postmortems";
import { templateAndPageEndpoints } from "@/server/api/management/templates-and-page";

export const MANAGEMENT_ENDPOINTS: Endpoint[] = [...incidentEndpoints, ...componentEndpoints, ...postmortemEndpoints, ...subscriberEndpoints, ...templateAndPageEndpoints];

export const handleManagementRequest = managementDispatcher(MANAGEMENT_ENDPOINTS);
