// npm run config:docs: writes docs/configuration.md and .env.example from the configuration schema
// (server/config/variables.ts). tests/foundation/config-docs.test.ts fails when they differ from it.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { renderConfigurationDoc, renderEnvExample } from "@/server/config/config-docs";

const projectRoot = path.resolve(__dirname, "..");

const outputs = {
  "docs/configuration.md": renderConfigurationDoc(),
  ".env.example": renderEnvExample(),
};
for (const [file, content] of Object.entries(outputs)) {
  writeFileSync(path.join(projectRoot, file), content);
  console.log(`Wrote ${file}.`);
}
