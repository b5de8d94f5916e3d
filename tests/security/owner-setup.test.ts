import { describe, expect, it } from "vitest";
import { setUpOwner } from "@/server/services/users/set-up-owner";
import { WorkGate } from "@/server/auth/work-gate";
import { toAppError } from "@/server/errors";
import { createUser } from "@/tests/support/factories";

describe("owner set-up without a session", () => {
  it("refuses on an installed console before validating or hashing anything", async () => {
    await createUser("owner");
    const attempts = Array.from({ length: 40 }, (_, i) =>
      setUpOwner({ input: { email: `flood-${i}@example.test`, name: "Flood", password: "x" } }).catch(toAppError),
    );
    const errors = await Promise.all(attempts);
    expect(new Set(errors.map((error) => (error && "code" in error ? error.code : "none")))).toEqual(
      new Set(["FORBIDDEN"]),
    );
  });

  it("hashing anyone can trigger runs one at a time with a short queue; the rest are told to retry", async () => {
    const gate = new WorkGate(1, 1, "busy");
    const releases: Array<() => void> = [];
    const job = () => new Promise<string>((resolve) => releases.push(() => resolve("done")));
    const first = gate.run(job);
    const second = gate.run(job);
    await expect(gate.run(job)).rejects.toMatchObject({ code: "UNAVAILABLE", message: "busy" });
    expect(releases).toHaveLength(1);
    releases[0]();
    await expect(first).resolves.toBe("done");
    await expect.poll(() => releases.length).toBe(2);
    releases[1]();
    await expect(second).resolves.toBe("done");
    await expect(gate.run(async () => "free again")).resolves.toBe("free again");
  });
});
