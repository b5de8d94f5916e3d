// The docs name console labels, console and API paths, npm scripts and environment variables; each must exist in the
// product. Conventions the docs keep so this can be checked:
// - *Italics* are reserved for labels this product shows (a button, tab, field or heading of the console):
//   `/admin/api-keys` → *Create API key*, *Settings* → *Email*. Another product's screens are written in “quotes”,
//   emphasis in **bold**.
// - A management API path without `/api/v1/pages/<page id>` in front is written with its method (`GET /incidents`).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MANAGEMENT_ENDPOINTS } from "@/server/api/management/endpoints";
import { UNSUPPORTED_RESOURCES, methodsOf } from "@/server/api/management/router";
import { VARIABLES } from "@/server/config";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** docs/configuration.md is generated from the schema and checked by config-docs.test.ts. */
const DOCUMENTS = [
  "README.md",
  ...readdirSync(path.join(root, "docs"))
    .filter((file) => file.endsWith(".md") && file !== "configuration.md")
    .map((file) => `docs/${file}`),
];

type Line = { file: string; number: number; text: string; prose: string; inFence: boolean };

/** Each line, with `prose` the text outside inline code (code replaced by spaces, so italics inside code do not count). */
function linesOf(file: string): Line[] {
  let inFence = false;
  return read(file)
    .split("\n")
    .map((text, index) => {
      const fence = /^\s*```/.test(text);
      if (fence) inFence = !inFence;
      const prose = inFence || fence ? "" : text.replace(/`[^`]*`/g, (code) => " ".repeat(code.length));
      return { file, number: index + 1, text, prose, inFence: inFence || fence };
    });
}

const LINES = DOCUMENTS.flatMap(linesOf);
const where = (line: Line) => `${line.file}:${line.number}`;

function sourcesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourcesUnder(relative, pattern);
    return pattern.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

// ---- console labels ----------------------------------------------------------------------------------------------

const normalizeText = (text: string) =>
  text
    .replace(/&apos;|&rsquo;|&lsquo;|&#39;|[‘’]/g, "'")
    .replace(/&quot;|&ldquo;|&rdquo;|[“”]/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&hellip;|…/g, "")
    .replace(/\s+/g, " ")
    .replace(/[\s:.]+$/, "")
    .trim();

/** Every string literal and JSX text of the console's sources (and the vocabulary labels it shows, from lib/). */
function consoleTexts(): Set<string> {
  const files = [
    ...sourcesUnder("app/(admin)", /\.tsx?$/),
    ...sourcesUnder("app/(auth)", /\.tsx?$/),
    ...sourcesUnder("components", /\.tsx?$/),
    ...sourcesUnder("lib", /\.ts$/),
  ];
  const texts = new Set<string>();
  for (const file of files) {
    const source = read(file);
    const pieces = [
      ...[...source.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g)].map(([, a, b]) => a ?? b),
      ...[...source.matchAll(/`([^`]*)`/g)].flatMap(([, template]) => template.split(/\$\{[^}]*\}/)),
      ...[...source.matchAll(/(?<=[>}])([^<>{}]+)(?=[<{])/g)].map(([, jsx]) => jsx),
    ];
    for (const piece of pieces) texts.add(normalizeText(piece));
  }
  return texts;
}

/** Italic spans (`*Label*`, not `**bold**`), split at arrows: *Settings* → *Email* and *Settings → Email* alike. */
function labelsIn(line: Line): string[] {
  const spans = [...line.prose.matchAll(/(?<![*\w\\])\*(?![\s*])([^*\n]+?)(?<![\s\\])\*(?![*\w])/g)];
  return spans.flatMap(([, label]) => label.split(/\s*→\s*/)).filter(Boolean);
}

// ---- routes -------------------------------------------------------------------------------------------------------

/** Catch-alls that only answer "not found" (or "not supported") do not make a path exist. */
const FALLBACK_SEGMENTS = new Set(["[...missing]", "[...unknownPath]"]);

/** `<id>`, `{id}`, `:id` or a glob (`*.json`): a segment that stands for others. */
const isPlaceholder = (segment: string) => /^(<[^>]*>|\{[^}]*\}|:\w+)(\.\w+)?$|\*/.test(segment);

/** The app/ folders that serve `segments`, route groups being transparent; [] when none. */
function routeFolders(dir: string, segments: string[]): string[] {
  const entries = readdirSync(path.join(root, dir), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const found: string[] = [];
  for (const { name } of entries) {
    const next = `${dir}/${name}`;
    if (/^\(.*\)$/.test(name)) {
      found.push(...routeFolders(next, segments));
      continue;
    }
    if (segments.length === 0) {
      if (/^\[\[\.\.\..+\]\]$/.test(name)) found.push(next);
      continue;
    }
    if (name.startsWith("_") || FALLBACK_SEGMENTS.has(name)) continue;
    const [first, ...rest] = segments;
    if (/^\[\[?\.\.\..+\]\]?$/.test(name)) found.push(next);
    else if (name === first || (/^\[[^.].*\]$/.test(name) && first !== "")) found.push(...routeFolders(next, rest));
    else if (first.includes("*") || (isPlaceholder(first) && name.startsWith("[")))
      found.push(...routeFolders(next, rest));
  }
  if (segments.length === 0) found.push(dir);
  return found.filter((folder) => existsSync(path.join(root, folder)));
}

function routeFiles(segments: string[]): string[] {
  return routeFolders("app", segments).flatMap((folder) =>
    ["page.tsx", "route.ts"].map((file) => `${folder}/${file}`).filter((file) => existsSync(path.join(root, file))),
  );
}

/** Paths the front processes answer themselves, before the app (the live-update stream). */
const FRONT_PATHS = sourcesUnder("server/front", /\.ts$/).flatMap((file) =>
  [...read(file).matchAll(/"(\/api\/[^"]+)"/g)].map(([, p]) => p),
);

const METHOD = /^(GET|POST|PUT|PATCH|DELETE|OPTIONS)$/;

/** The methods a route file exports, or every method for a page. */
function methodsOfRoute(file: string): string[] {
  if (file.endsWith("page.tsx")) return ["GET"];
  return [
    ...read(file).matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|OPTIONS)\b/g),
  ].map(([, m]) => m);
}

/** `/api/v1/pages/<id>/incidents/<id>.json?x=1` → ["api", "v1", …]; a trailing `…` or `*` makes it a prefix. */
function splitPath(raw: string): { segments: string[]; prefix: boolean } {
  let pathOnly = raw.replace(/[?#].*$/, "").replace(/[),.;:]+$/, "");
  const prefix = /(…|\*|\/\*\*|\/\.\.\.)$/.test(pathOnly);
  pathOnly = pathOnly.replace(/\/?(…|\*\*?|\.\.\.)$/, "").replace(/\/+$/, "");
  return { segments: pathOnly.split("/").slice(1), prefix };
}

/** The management API drops a trailing `.json` from every path before routing it (proxy.ts). */
function managementProblem(segments: string[], prefix: boolean, methods: string[]): string | null {
  const rest = segments.map((segment) => segment.replace(/\.json$/, ""));
  if (rest[0] && UNSUPPORTED_RESOURCES[rest[0]]) return null;
  const matches = MANAGEMENT_ENDPOINTS.filter((endpoint) => {
    const parts = endpoint.path === "" ? [] : endpoint.path.split("/");
    if (prefix ? parts.length < rest.length : parts.length !== rest.length) return false;
    return rest.every((segment, i) => {
      // Docs write ids as placeholders (`<id>`), so a literal segment never stands for one.
      return parts[i].startsWith(":") ? isPlaceholder(segment) : parts[i] === segment;
    });
  });
  if (matches.length === 0) return "no management endpoint (server/api/management/*) has this path";
  const allowed = new Set(matches.flatMap(methodsOf));
  const refused = methods.filter((m) => !allowed.has(m as never));
  return refused.length ? `the management API does not answer ${refused.join(", ")} here` : null;
}

/** What is wrong with a doc's `/api/…` path (and the methods it names for it), or null. */
function apiPathProblem(raw: string, methods: string[]): string | null {
  const { segments, prefix } = splitPath(raw);
  if (segments[0] === "api" && segments[1] === "v1" && /^pages(\.json)?$/.test(segments[2] ?? "")) {
    if (segments.length <= 4) return null;
    return managementProblem(segments.slice(4), prefix, methods);
  }
  if (segments[0] === "api" && segments[1] === "v1" && segments[2] === "organizations") return null;
  const joined = `/${segments.join("/")}`;
  if (FRONT_PATHS.some((front) => front === joined || (prefix && front.startsWith(`${joined}/`)))) return null;
  let files = routeFiles(segments);
  // A path with nothing of its own names the routes under it (`/api/v1`, `/api/auth`, `/api/v2/*.json`).
  if (files.length === 0 && methods.length === 0)
    files = routeFolders("app", segments).flatMap((folder) => sourcesUnder(folder, /^route\.ts$/));
  if (files.length === 0) return "no route under app/ serves it";
  if (methods.length === 0) return null;
  const exported = new Set(files.flatMap(methodsOfRoute));
  const refused = methods.filter((m) => !exported.has(m));
  return refused.length ? `its route does not export ${refused.join(", ")}` : null;
}

/** The methods named just before a path: `GET`, `PATCH`/`PUT /x` names GET, PATCH and PUT. */
function methodsBefore(text: string, index: number): string[] {
  const before = text.slice(0, index);
  const run = /((?:`(?:GET|POST|PUT|PATCH|DELETE)`\s*(?:,|\/|or|and)?\s*)+)$/.exec(before);
  return run ? [...run[1].matchAll(/`(\w+)`/g)].map(([, m]) => m) : [];
}

// ---- environment --------------------------------------------------------------------------------------------------

/** Variables other programs read: the AWS SDK's credential chain, Node's and Next's mode. */
const OTHER_PROGRAMS_VARIABLES = new Set([
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "NODE_ENV",
]);

/** Variables the development tooling reads (test and e2e harnesses), which the server's schema does not hold. */
const TOOLING_SOURCES = [
  ...sourcesUnder("scripts", /\.(ts|mjs)$/),
  ...sourcesUnder("tests/support", /\.ts$/),
  ...sourcesUnder("e2e/support", /\.ts$/),
  ...["playwright.config.ts", "vitest.config.ts"].filter((file) => existsSync(path.join(root, file))),
  ...sourcesUnder(".ci", /./),
].map(read);

function variableProblem(name: string): string | null {
  if (name in VARIABLES || OTHER_PROGRAMS_VARIABLES.has(name)) return null;
  if (TOOLING_SOURCES.some((source) => new RegExp(`\\b${name}\\b`).test(source))) return null;
  return "it is neither in server/config/variables.ts nor read by the tooling";
}

// ---- the checks ---------------------------------------------------------------------------------------------------

type Drift = string;

function labelDrifts(): Drift[] {
  const texts = consoleTexts();
  return LINES.flatMap((line) =>
    labelsIn(line)
      .filter((label) => !texts.has(normalizeText(label)))
      .map(
        (label) =>
          `${where(line)} names the console label *${label}*, which no console source shows (italics are for console labels; write other products' screens in “quotes”, emphasis in **bold**)`,
      ),
  );
}

function consolePathDrifts(): Drift[] {
  return LINES.flatMap((line) =>
    [...line.text.matchAll(/(?<![\w/.-])\/admin(?:\/(?:<[^>\n]*>|[\w{}\[\].:-])+)*\/?/g)].flatMap(([raw]) => {
      const { segments } = splitPath(raw);
      return routeFiles(segments).length > 0
        ? []
        : [
            `${where(line)} names the console path ${raw}, which no page or route under app/(admin) or app/(auth) serves`,
          ];
    }),
  );
}

function apiPathDrifts(): Drift[] {
  return LINES.flatMap((line) => {
    const drifts: Drift[] = [];
    const text = line.text.replace(/`((?:GET|POST|PUT|PATCH|DELETE|OPTIONS))\s*\/?\s*`/g, "`$1`");
    for (const match of text.matchAll(/(?<![\w/.:-])\/api\/(?:<[^>\n]*>|[^\s`'"|)\]<])*/g)) {
      const raw = match[0];
      if (raw.includes("/../")) continue; // an attack's path, as security.md quotes it
      const methodInSpan = /`(GET|POST|PUT|PATCH|DELETE|OPTIONS) $/.exec(text.slice(0, match.index));
      const methods = methodInSpan ? [...methodsBefore(text, methodInSpan.index), methodInSpan[1]] : [];
      const problem = apiPathProblem(raw, line.inFence ? [] : methods);
      if (problem) drifts.push(`${where(line)} names ${methods.join("/")} ${raw}: ${problem}`.replace("  ", " "));
    }
    // Management API paths written relative to /api/v1/pages/<page id>, with their method.
    for (const match of text.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/(?!api\/)[^`]*)`/g)) {
      if (!METHOD.test(match[1])) continue;
      const { segments, prefix } = splitPath(match[2]);
      const methods = [...methodsBefore(text, match.index), match[1]];
      const problem = managementProblem(segments, prefix, methods);
      if (problem) drifts.push(`${where(line)} names ${methods.join("/")} ${match[2]}: ${problem}`);
    }
    return drifts;
  });
}

function scriptDrifts(): Drift[] {
  const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
  return LINES.flatMap((line) =>
    [...line.text.matchAll(/\bnpm (?:run ([\w:.-]+)|(start|test))\b/g)].flatMap(([, run, builtin]) => {
      const name = run ?? builtin;
      return name in scripts ? [] : [`${where(line)} names \`npm run ${name}\`, which package.json does not have`];
    }),
  );
}

function variableDrifts(): Drift[] {
  return LINES.flatMap((line) => {
    const names = new Set<string>();
    if (line.inFence) {
      for (const [, name] of line.text.matchAll(/(?:^|\s|export\s+)([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=/g)) names.add(name);
    } else {
      for (const [, name] of line.text.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:=[^`]*)?`/g)) names.add(name);
    }
    return [...names].flatMap((name) => {
      const problem = variableProblem(name);
      return problem ? [`${where(line)} names the environment variable ${name}: ${problem}`] : [];
    });
  });
}

describe("the docs match the product", () => {
  it("reads every doc and finds what they name", () => {
    expect(DOCUMENTS.length).toBeGreaterThan(8);
    expect(LINES.some((line) => labelsIn(line).length > 0)).toBe(true);
    expect(LINES.filter((line) => line.text.includes("/admin/")).length).toBeGreaterThan(3);
    expect(LINES.filter((line) => /`(GET|POST|PATCH|PUT|DELETE) \/(?!api)/.test(line.text)).length).toBeGreaterThan(5);
    expect(MANAGEMENT_ENDPOINTS.length).toBeGreaterThan(30);
  });

  it("every console label, console path, API path, npm script and environment variable they name exists", () => {
    const drifts = [
      ...labelDrifts(),
      ...consolePathDrifts(),
      ...apiPathDrifts(),
      ...scriptDrifts(),
      ...variableDrifts(),
    ];
    expect(drifts, `\n${drifts.join("\n")}\n`).toEqual([]);
  });
});
