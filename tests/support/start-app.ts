import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/**
 * Runs `npm start`'s launcher with `env` on top of this process's environment, leaving out the database URL and the
 * secrets unless `env` names them, in a fresh data folder unless `env` names one; resolves with its exit code and everything it printed. Killed after 20 s.
 */
export function startApp(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const cleanEnv = {} as NodeJS.ProcessEnv;
    for (const [key, value] of Object.entries({ ...process.env, ...env }))
      if (value !== undefined) cleanEnv[key] = value;
    for (const key of ["AUTH_SECRET", "NEXTAUTH_SECRET", "DATABASE_URL"]) if (!(key in env)) delete cleanEnv[key];
    cleanEnv.STATUSPAGE_DATA_DIR =
      env.STATUSPAGE_DATA_DIR ?? path.join(os.tmpdir(), `statuspage-startup-${process.pid}-${Date.now()}`);
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/run-app.ts", "start"], {
      cwd: root,
      env: cleanEnv,
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
