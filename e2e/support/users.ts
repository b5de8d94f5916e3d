import type { Role } from "@/lib/status";

export type E2eUser = { role: Role; email: string; password: string; name: string };

const PASSWORD = "correct-horse-battery-staple-42";

/** The accounts that global setup creates for every e2e run, one per role. */
export const E2E_USERS: Record<Role, E2eUser> = {
  owner: { role: "owner", email: "owner@e2e.test", password: PASSWORD, name: "Olivia Owner" },
  responder: { role: "responder", email: "responder@e2e.test", password: PASSWORD, name: "Riley Responder" },
  viewer: { role: "viewer", email: "viewer@e2e.test", password: PASSWORD, name: "Victor Viewer" },
};
