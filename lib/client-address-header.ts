/**
 * The header the production server's fronts set on every request (replacing any a client sent) with the address they
 * resolved from the connection and TRUST_PROXY; the app reads the client's address from it and from nothing else.
 */
export const CLIENT_ADDRESS_HEADER = "x-statuspage-client-address";
