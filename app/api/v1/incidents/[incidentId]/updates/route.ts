import { postUpdate } from "@/server/api/v1/endpoints";

export const POST = postUpdate;
