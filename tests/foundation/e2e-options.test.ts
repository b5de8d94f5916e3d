import { describe, expect, it } from "vitest";
import { e2ePorts, needsBuild } from "../../scripts/lib/e2e-options";

describe("end-to-end harness options", () => {
  it("reuses a build that matches the sources", () => {
    expect(needsBuild({}, () => true)).toBe(false);
    expect(needsBuild({}, () => false)).toBe(true);
    expect(needsBuild({ E2E_SKIP_BUILD: "1" }, () => false)).toBe(false);
  });

  it("pins the app's and PostgreSQL's ports from E2E_PORT and E2E_PG_PORT, else picks free ones", async () => {
    let next = 40_000;
    const free = async () => next++;
    expect(await e2ePorts({ E2E_PORT: "4100", E2E_PG_PORT: "54100" }, free)).toEqual({ appPort: 4100, pgPort: 54100 });
    expect(await e2ePorts({}, free)).toEqual({ appPort: 40_000, pgPort: 40_001 });
    await expect(e2ePorts({ E2E_PORT: "http" }, free)).rejects.toThrow("E2E_PORT must be a port number");
  });
});
