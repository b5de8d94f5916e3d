// `npm run lint`: ESLint, Prettier and the type check side by side (each is single-threaded, so together they take
// as long as the slowest), each one's output printed whole once it ends; fails when any of them fails.
import { spawn } from "node:child_process";
import { projectRoot } from "./lib/project-root";

const CHECKS: [name: string, command: string[]][] = [
  ["eslint", ["npx", "eslint", "."]],
  ["prettier", ["npx", "prettier", "--check", "."]],
  ["tsc", ["npx", "tsc", "--noEmit"]],
];

function run([name, [command, ...args]]: (typeof CHECKS)[number]): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => (output += `${error.message}\n`));
    child.on("close", (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      console.log(`${code === 0 ? "✔" : "✖"} ${name} (${seconds} s)`);
      if (output.trim()) console.log(output.trimEnd());
      resolve(code === 0);
    });
  });
}

void Promise.all(CHECKS.map(run)).then((results) => process.exit(results.every(Boolean) ? 0 : 1));
