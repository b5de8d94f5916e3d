import type { IncomingMessage, ServerResponse } from "node:http";
type Handle = (req: IncomingMessage, res: ServerResponse) => unknown;
export type RenderLimits = { maxConcurrent?: number; maxQueued?: number; queueTimeoutMs?: number; budgetShare?: number; burstMs?: number; now?: () => number };
export const PUBLIC_PAGE_CACHE_CONTROL: string;
export const FLIGHT_CACHE_CONTROL: string;
export function cacheKeyOf(req: IncomingMessage): { key: string; url: string } | null;
export function isCacheableRequest(req: IncomingMessage): boolean;
export function createResponseCache(options: { dataVersion: () => number; maxEntries?: number; maxBytes?: number; maxAgeMs?: number; upgradeAfterMs?: number; now?: () => number; renderLimits?: RenderLimits }): {
  serve(req: IncomingMessage, res: ServerResponse, handle: Handle): Promise<unknown>;
  size(): number;
  bytes(): number;
  clear(): void;
  renderStats(): { running: number; queued: number; refused: number; tokens: number };
};
