// docs/configuration.md and .env.example, rendered from the schema; scripts/generate-config-docs.ts writes them and
// tests/foundation/config-docs.test.ts fails when they drift from it.
import { VARIABLES, type Group, type Reader, type Variable, type VariableName } from "@/server/config/variables";

const GENERATED = "Generated from server/config/variables.ts by `npm run config:docs`: edit the schema, not this file.";
const INTERNAL: Group = "Set by the server for its own processes";
const WIDTH = 118;

const READERS: Record<Reader, string> = {
  launcher: "`npm start` and `npm run dev`: checks the configuration, runs the embedded PostgreSQL and the build",
  primary: "the production server's supervisor, which starts the app and front processes and restarts them",
  front: "the front processes: the whole-response cache, the live stream and the pass-through to the app",
  app: "the app process (Next): pages, console, API, and background work unless STATUSPAGE_DISABLE_WORKER=1",
  worker: "`npm run worker`: notification delivery and the static mirror in a process of their own",
  mirror: "`npm run mirror`: publishes the static mirror once",
  importer: "`npm run import:statuspage`: imports a page from Statuspage",
};

/** Object.entries widens the keys to string; they are VARIABLES' own names. */
function entries(): [VariableName, Variable][] {
  return Object.entries(VARIABLES) as [VariableName, Variable][];
}

function groups(): Map<Group, [VariableName, Variable][]> {
  const byGroup = new Map<Group, [VariableName, Variable][]>();
  for (const entry of entries()) byGroup.set(entry[1].group, [...(byGroup.get(entry[1].group) ?? []), entry]);
  return byGroup;
}

function typeAndRange(variable: Variable): string {
  return variable.range ? `${variable.type}, ${variable.range}` : variable.type;
}

function cell(value: string): string {
  return value.replace(/\|/g, "\\|");
}

function defaultCell(variable: Variable): string {
  if (variable.defaultLabel !== undefined) return `\`${variable.defaultLabel}\``;
  return variable.unset ? cell(variable.unset) : "–";
}

/** docs/configuration.md: one table per group. */
export function renderConfigurationDoc(): string {
  const lines = [
    "# Configuration",
    "",
    `<!-- ${GENERATED} -->`,
    "",
    "The status page reads its settings from environment variables, or from a `.env` file in the project folder",
    "that `npm start` loads; `.env.example` lists them all, commented out. Each process checks every variable when",
    "it starts, and a value it cannot use stops the start with a message naming the variable. An empty value counts",
    "as unset.",
    "",
    "Read by:",
    "",
    ...Object.entries(READERS).map(([reader, what]) => `- **${reader}**: ${what}.`),
  ];
  for (const [group, variables] of groups()) {
    lines.push("", `## ${group}`, "");
    if (group === INTERNAL)
      lines.push("The primary process sets these for the processes it starts; do not set them.", "");
    lines.push("| Variable | Default | Type and range | Description | Read by |", "|---|---|---|---|---|");
    for (const [name, variable] of variables)
      lines.push(
        `| \`${name}\` | ${defaultCell(variable)} | ${cell(typeAndRange(variable))} | ${cell(variable.description)} | ${variable.readBy.join(", ")} |`,
      );
  }
  return `${lines.join("\n")}\n`;
}

function comment(text: string): string[] {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(" ")) {
    if (line.length + word.length + 1 > WIDTH && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

/** .env.example: every variable an operator may set, commented out, with its description and default. */
export function renderEnvExample(): string {
  const lines = [
    ...comment(`${GENERATED} Copy it to .env and uncomment what you change; docs/configuration.md has the details.`),
  ];
  for (const [group, variables] of groups()) {
    if (group === INTERNAL) continue;
    lines.push("", `# --- ${group} ---`);
    for (const [name, variable] of variables) {
      const kind = typeAndRange(variable);
      const unset = variable.defaultLabel === undefined && variable.unset ? ` When unset: ${variable.unset}.` : "";
      lines.push("", ...comment(variable.description), ...comment(`${kind[0].toUpperCase()}${kind.slice(1)}.${unset}`));
      lines.push(`# ${name}=${variable.defaultLabel ?? ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
