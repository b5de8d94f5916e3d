import type { IncomingMessage } from "node:http";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, type TrustProxy } from "./resolve-client-address";

const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/**
 * Records the client's address for the app in CLIENT_ADDRESS_HEADER. With no trusted proxy, forwarding headers
 * are the client's own words, so they are dropped and Next derives them from the connection instead.
 */
export function stampClientAddress(req: IncomingMessage, trust: TrustProxy): void {
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress({
    remoteAddress: req.socket.remoteAddress,
    forwardedFor: req.headers["x-forwarded-for"],
    trust,
  });
  if (trust.kind === "none") for (const name of FORWARDING_HEADERS) delete req.headers[name];
}
