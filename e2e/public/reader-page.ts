import { test as base } from "@playwright/test";
import { OwnStack, type SeedScript } from "../support/own-stack";
import { SCENARIO_LINE, type ReaderScenario } from "./scenario";
import { SPEC_ONLY_ENVIRONMENT } from "../support/single-app";

const PAGE_NAME = "Harbor CI";

type ReaderPage = { base: string; scenario: ReaderScenario };

/** For `OwnStack.start`: an empty page named PAGE_NAME, then the reader scenario written into it. */
export const READER_SCENARIO_SEEDS: SeedScript[] = [
  { script: "prisma/seed.ts", args: ["--empty"], env: { PAGE_NAME } },
  { script: "e2e/public/seed-reader-scenario.ts", env: { ...SPEC_ONLY_ENVIRONMENT, PAGE_NAME } },
];

/** What the scenario named, as its seed printed it. */
export function readScenario(stack: OwnStack): ReaderScenario {
  const line = stack.seedOutput.split("\n").find((text) => text.startsWith(SCENARIO_LINE));
  if (!line) throw new Error(`The reader scenario printed no scenario: ${stack.seedOutput}`);
  return JSON.parse(line.slice(SCENARIO_LINE.length)) as ReaderScenario;
}

/**
 * Specs that read a whole page (how many days "Past incidents" lists, which days are empty, what history's first page
 * holds) get a status page of their own: a fresh database holding only the reader scenario, and one instance serving
 * it. On the shared app, the incidents that 130 other specs write meanwhile crowd these rows out of the page.
 * One per worker; `baseURL` (so `page` and `request`) points at it.
 */
export const test = base.extend<{ scenario: ReaderScenario }, { readerPage: ReaderPage }>({
  readerPage: [
    async ({}, use) => {
      const stack = await OwnStack.start(1, {}, READER_SCENARIO_SEEDS);
      try {
        await use({ base: stack.instances[0].base, scenario: readScenario(stack) });
      } finally {
        await stack.stop();
      }
    },
    { scope: "worker", timeout: 180_000 },
  ],
  baseURL: async ({ readerPage }, use) => use(readerPage.base),
  scenario: async ({ readerPage }, use) => use(readerPage.scenario),
});

export { expect } from "@playwright/test";
