import type { BlockList } from "node:net";

export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList };
export const CLIENT_ADDRESS_HEADER: string;
export function parseTrustProxy(raw: string | undefined): TrustProxy;
export function normalizeAddress(address: string | undefined): string;
export function resolveClientAddress(input: { remoteAddress: string | undefined; forwardedFor: string | string[] | undefined; trust: TrustProxy }): string;
