import { patchComponent } from "@/server/api/v1/endpoints";

export const PATCH = patchComponent;
export const PUT = patchComponent;
