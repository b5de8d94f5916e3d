// Prisma's CLI downloads a native schema engine before every command; `generate` never uses it,
// so pointing it at a harmless executable lets the client generate offline.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const engine = ["/bin/true", "/usr/bin/true"].find((path) => existsSync(path));
const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (engine && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = engine;

const result = spawnSync("npx", ["prisma", "generate", "--schema", "prisma/schema.prisma"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
