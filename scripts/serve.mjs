// The production server. This primary process starts the app process (Next: renders, console, API, background
// work) and one front process per core (the whole-response cache, the live stream, and a pass-through for the
// rest), relays "the data changed" from the app to the fronts, and restarts whichever stops.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { register as registerForRequire } from "tsx/cjs/api";

// The fronts resolve "@/…" imports through the project's tsconfig whatever the working directory.
process.env.TSX_TSCONFIG_PATH ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../tsconfig.json");
// Without "type": "module", tsx loads .ts files as CommonJS: both loaders are needed.
register();
registerForRequire();
await import("./server/primary.ts");
