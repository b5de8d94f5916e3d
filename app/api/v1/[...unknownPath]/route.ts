import { handleUnknownApiPath } from "@/server/api/management/endpoints";

// Anything under /api/v1 that no route serves: a JSON answer saying where the API is, never an HTML page.
export const GET = handleUnknownApiPath;
export const POST = handleUnknownApiPath;
export const PATCH = handleUnknownApiPath;
export const PUT = handleUnknownApiPath;
export const DELETE = handleUnknownApiPath;
