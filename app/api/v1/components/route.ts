import { listComponents } from "@/server/api/v1/endpoints";

export const GET = listComponents;
