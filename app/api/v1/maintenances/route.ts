import { createMaintenance } from "@/server/api/v1/endpoints";

export const POST = createMaintenance;
