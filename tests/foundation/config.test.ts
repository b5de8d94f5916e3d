import { describe, expect, it } from "vitest";
import { EnvironmentError, nextAuthEnvironment, parseConfig, readConfig, readEnvironment } from "@/server/config";
import { startApp } from "@/tests/support/start-app";

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseConfig(source);
    return [];
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    return error.problems;
  }
}

describe("configuration", () => {
  it("gives every variable its default when nothing is set, and counts an empty value as unset", () => {
    const config = parseConfig({ PORT: "", PUBLIC_URL: "  " });
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.DATA_CACHE_MAX_MB).toBe(32);
    expect(config.STATUSPAGE_DISABLE_WORKER).toBe(false);
    expect(config.MANAGEMENT_API_RATE_LIMIT_STATUS).toBe(429);
  });

  it("refuses a typo in DATA_CACHE_MAX_MB, naming it, instead of dropping the cache's memory bound", () => {
    expect(problemsOf({ DATA_CACHE_MAX_MB: "3x" })).toEqual([
      "DATA_CACHE_MAX_MB must be a whole number of megabytes, at least 1",
    ]);
  });

  it("names every variable at fault at once", () => {
    const problems = problemsOf({
      PORT: "eighty",
      TRUST_PROXY: "10.0.0.0/99",
      RENDER_BUDGET_SHARE: "5%",
      STATUSPAGE_DISABLE_WORKER: "yes",
      SMTP_URL: "mail.example.com",
    });
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual([
      "PORT",
      "TRUST_PROXY",
      "RENDER_BUDGET_SHARE",
      "STATUSPAGE_DISABLE_WORKER",
      "SMTP_URL",
    ]);
    expect(problems[0]).toBe("PORT must be a number between 1 and 65535");
  });

  it("accepts the forms of TRUST_PROXY the front processes understand", () => {
    for (const value of ["0", "false", "2", "10.0.0.0/8,fd00::/8", "::1, 127.0.0.1", "[2001:db8::5]"])
      expect(parseConfig({ TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
  });

  it("insists on DATABASE_URL and AUTH_SECRET only where a process names them, and takes NEXTAUTH_SECRET for the secret", () => {
    expect(() => readEnvironment(["PORT"], {})).not.toThrow();
    expect(() => readEnvironment(["DATABASE_URL", "AUTH_SECRET"], {})).toThrow(
      /DATABASE_URL is not set[\s\S]*AUTH_SECRET is not set\. Generate one with `openssl rand -base64 32`/,
    );
    const secret = "s".repeat(32);
    expect(readEnvironment(["AUTH_SECRET"], { NEXTAUTH_SECRET: secret }).AUTH_SECRET).toBe(secret);
  });

  it("reads this process's environment again only after a variable changed", () => {
    const first = readConfig();
    expect(readConfig()).toBe(first);
    const before = process.env.SUBSCRIBE_LIMIT_TOTAL;
    process.env.SUBSCRIBE_LIMIT_TOTAL = "7";
    try {
      expect(readConfig().SUBSCRIBE_LIMIT_TOTAL).toBe(7);
    } finally {
      if (before === undefined) delete process.env.SUBSCRIBE_LIMIT_TOTAL;
      else process.env.SUBSCRIBE_LIMIT_TOTAL = before;
    }
  });

  it("tells next-auth the site's address, or to trust the Host header when none is configured", () => {
    expect(nextAuthEnvironment(parseConfig({ PUBLIC_URL: "https://status.example.com" }))).toEqual({
      NEXTAUTH_URL: "https://status.example.com",
    });
    expect(nextAuthEnvironment(parseConfig({}))).toEqual({ AUTH_TRUST_HOST: "1" });
  });

  it("npm start stops before starting anything when DATA_CACHE_MAX_MB is not a number, naming it", async () => {
    const { code, output } = await startApp({ DATA_CACHE_MAX_MB: "3x" });
    expect(code).toBe(1);
    expect(output).toContain("✖ DATA_CACHE_MAX_MB must be a whole number of megabytes, at least 1");
    expect(output).not.toMatch(/Starting the embedded PostgreSQL/);
  });
});
