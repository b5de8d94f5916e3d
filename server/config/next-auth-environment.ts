import { readConfig, type Config } from "@/server/config/read-config";

/**
 * What next-auth 4 must find in process.env: it takes the site's address from NEXTAUTH_URL alone, with no option
 * to pass it (node_modules/next-auth/utils/detect-origin.js), else trusts the Host header when AUTH_TRUST_HOST is set.
 */
export function nextAuthEnvironment(config: Pick<Config, "NEXTAUTH_URL" | "PUBLIC_URL">): Record<string, string> {
  const url = config.NEXTAUTH_URL ?? config.PUBLIC_URL;
  return url ? { NEXTAUTH_URL: url } : { AUTH_TRUST_HOST: "1" };
}

/**
 * Sets next-auth's variables in this process before it reads them, whichever way the app was started (npm start,
 * the production server run directly, next dev, tests): the one place outside tests that writes process.env.
 */
export function provideNextAuthEnvironment(): void {
  for (const [name, value] of Object.entries(nextAuthEnvironment(readConfig())))
    if (!process.env[name]) process.env[name] = value;
}
