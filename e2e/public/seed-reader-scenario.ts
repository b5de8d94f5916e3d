// Run by reader-page.ts in a child process whose DATABASE_URL is the reader page's own database: writes the scenario
// through the services and prints what it named, as one JSON line, for the specs to find their rows by.
import { createReaderScenario, SCENARIO_LINE } from "./scenario";

createReaderScenario(process.env.PAGE_NAME ?? "Status")
  .then((scenario) => {
    process.stdout.write(`${SCENARIO_LINE}${JSON.stringify(scenario)}\n`);
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
