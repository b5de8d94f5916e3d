import { spawnSync } from "node:child_process";
import { projectRoot } from "../../scripts/lib/project-root";

/** Creates (or resets) the e2e users of every role in the shared app's database. */
export default function globalSetup() {
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "e2e/support/create-users.ts"],
    { cwd: projectRoot, env: process.env, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`Creating the e2e users failed:\n${result.stderr}`);
}
