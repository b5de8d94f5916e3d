import type { IncomingMessage, ServerResponse } from "node:http";
type Handle = (req: IncomingMessage, res: ServerResponse) => unknown;
export function isCacheableRequest(req: IncomingMessage): boolean;
export function createResponseCache(options: { dataVersion: () => number; maxEntries?: number; maxBytes?: number; maxAgeMs?: number; upgradeAfterMs?: number; now?: () => number }): {
  serve(req: IncomingMessage, res: ServerResponse, handle: Handle): Promise<unknown>;
  size(): number;
  bytes(): number;
  clear(): void;
};
