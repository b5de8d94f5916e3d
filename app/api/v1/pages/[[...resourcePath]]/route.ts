import { handleManagementRequest } from "@/server/api/management/endpoints";

// Statuspage's management API (api.statuspage.io/v1/pages/…); see docs/migrating-from-statuspage.md.
export const GET = handleManagementRequest;
export const POST = handleManagementRequest;
export const PATCH = handleManagementRequest;
export const PUT = handleManagementRequest;
export const DELETE = handleManagementRequest;
