// npm run import:statuspage -- --page-id <id> --api-key <key> [--api-url <base>] [--dry-run] [--strict]
// npm run import:statuspage -- --page-url https://status.example.com [--dry-run] [--strict]
import { parseArgs } from "node:util";
import { getDb } from "@/server/db/client";
import { formatSummary, runImport } from "@/server/importer/run-import";
import { ImportSourceError } from "@/server/importer/source-client";
import { readDatabaseUrl } from "./lib/database-url";
import { describeFailure } from "./lib/describe-failure";

const USAGE = `Import a page from Atlassian Statuspage (or any server with its management API) into this status page.

  npm run import:statuspage -- --page-id <id> --api-key <key> [--api-url https://api.statuspage.io/v1] [--dry-run] [--strict]
  npm run import:statuspage -- --page-url https://status.example.com [--dry-run] [--strict]

With a key: page settings, components and groups, every incident and maintenance with its updates and postmortem,
templates and subscribers (nothing is sent to them). With only --page-url: what the public page's API shows.
Running it again updates what changed and skips the rest. DATABASE_URL names the database to import into.
The summary names every object that was skipped and why; with --strict the command then exits with status 1.`;

/** Set once the database is known; before that, a failure is a usage problem worth one line, not a stack trace. */
let connected = false;

async function main() {
  const { values } = parseArgs({
    options: {
      "page-id": { type: "string" },
      "api-key": { type: "string" },
      "api-url": { type: "string", default: "https://api.statuspage.io/v1" },
      "page-url": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  process.env.DATABASE_URL = await readDatabaseUrl();
  connected = true;
  // The importer signs no sessions; the app's configuration check still asks for a secret.
  process.env.AUTH_SECRET ??= process.env.NEXTAUTH_SECRET ?? "statuspage-importer-signs-no-sessions";
  const apiKey = values["api-key"] ?? process.env.STATUSPAGE_API_KEY;
  let summary;
  if (values["page-url"]) {
    summary = await runImport({ mode: "public", pageUrl: values["page-url"], dryRun: values["dry-run"] });
  } else if (values["page-id"] && apiKey) {
    summary = await runImport({
      mode: "keyed",
      apiUrl: values["api-url"],
      pageId: values["page-id"],
      apiKey,
      dryRun: values["dry-run"],
    });
  } else {
    console.error(`Give --page-id and --api-key (or STATUSPAGE_API_KEY), or --page-url.\n\n${USAGE}`);
    return 2;
  }
  console.log(formatSummary(summary));
  if (values.strict && summary.skipped.length) {
    console.error(`--strict: ${summary.skipped.length} object(s) were skipped (listed above); failing the run.`);
    return 1;
  }
  return 0;
}

main()
  .then(async (code) => {
    await getDb().$disconnect();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    if (!connected) {
      console.error(`\n✖ ${describeFailure(error)}\n`);
      process.exit(1);
    }
    console.error(error instanceof ImportSourceError ? `Import stopped: ${error.message}` : error);
    console.error("Nothing already imported is lost; run the same command again to continue.");
    await getDb()
      .$disconnect()
      .catch(() => {});
    process.exit(1);
  });
