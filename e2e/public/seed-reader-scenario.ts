// Run by reader-page.ts in a child process whose DATABASE_URL is the reader page's own database: writes the scenario
// through the services and prints what it named, as one JSON line, for the specs to find their rows by.
import { SYSTEM_ACTOR } from "@/server/services/context";
import { updateMailSettings } from "@/server/services/mail-settings/update-mail-settings";
import { createReaderScenario, SCENARIO_LINE } from "./scenario";

// Incident pages offer "Notify me" only once a mail server is set; the specs check the form and never deliver.
const offerEmail = () =>
  updateMailSettings({ ctx: { actor: SYSTEM_ACTOR }, input: { version: 1, smtpUrl: "smtp://127.0.0.1:9" } });

createReaderScenario(process.env.PAGE_NAME ?? "Status")
  .then(async (scenario) => {
    await offerEmail();
    process.stdout.write(`${SCENARIO_LINE}${JSON.stringify(scenario)}\n`);
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
