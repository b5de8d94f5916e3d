// Run by tests/outage-day/invalidation-at-commit.test.ts: one writer that changes public data and exits the moment
// its call returns, as a crashed or killed process would, leaving no chance for anything after the commit.
import { createComponent } from "@/server/services/components/create-component";
import { SYSTEM_ACTOR } from "@/server/services/context";

const name = process.argv[2] ?? "Crash test component";
void createComponent({ ctx: { actor: SYSTEM_ACTOR }, input: { name } }).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
