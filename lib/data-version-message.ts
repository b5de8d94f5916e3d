// How the app process tells the server's front processes (server/front/front-process.ts) that public data changed: an IPC
// message through the primary process. Fronts keep whole responses until a newer version arrives.

export const DATA_VERSION_MESSAGE = "statuspage:data-version";

export type DataVersionMessage = { type: typeof DATA_VERSION_MESSAGE; version: number };

export function isDataVersionMessage(message: unknown): message is DataVersionMessage {
  return (
    typeof message === "object" &&
    message !== null &&
    (message as { type?: unknown }).type === DATA_VERSION_MESSAGE &&
    typeof (message as { version?: unknown }).version === "number"
  );
}
