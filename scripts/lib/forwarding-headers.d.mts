import type { IncomingMessage } from "node:http";
import type { TrustProxy } from "./client-address.mjs";

export function stampClientAddress(req: IncomingMessage, trust: TrustProxy): void;
