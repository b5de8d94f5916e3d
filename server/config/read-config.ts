// The one reader of process.env. No `server-only`: the launcher, the primary and the front processes read it too.
import { z } from "zod";
import { VARIABLES, type VariableName } from "@/server/config/variables";

export type Config = { readonly [K in VariableName]: z.output<(typeof VARIABLES)[K]["schema"]> };
export type ConfigSource = Readonly<Record<string, string | undefined>>;

/** Object.keys widens the keys to string; they are VARIABLES' own names. */
function variableNames(): VariableName[] {
  return Object.keys(VARIABLES) as VariableName[];
}

const NAMES = variableNames();
const REQUIRED = ["DATABASE_URL", "AUTH_SECRET"] as const satisfies readonly VariableName[];
type RequiredName = (typeof REQUIRED)[number];

/** z.object's own type for VARIABLES' schemas: built by mapping the keys, so TypeScript cannot follow it. */
function objectOfSchemas(): z.ZodType<Config> {
  return z.object(
    Object.fromEntries(NAMES.map((name) => [name, VARIABLES[name].schema])),
  ) as unknown as z.ZodType<Config>;
}

const schema = objectOfSchemas();

/** Thrown with one line per variable at fault, each naming it and saying how to fix it. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
}

function describe(name: string, message: string): string {
  if (message.startsWith(name)) return message;
  return /^(must|is) /.test(message) ? `${name} ${message}` : `${name}: ${message}`;
}

/** An empty or blank value is unset (`PUBLIC_URL=` in a .env file); AUTH_SECRET falls back to NEXTAUTH_SECRET. */
function valuesOf(source: ConfigSource): Partial<Record<VariableName, string>> {
  const values: Partial<Record<VariableName, string>> = {};
  for (const name of NAMES) {
    const value = source[name];
    if (value !== undefined && value.trim() !== "") values[name] = value;
  }
  values.AUTH_SECRET ??= values.NEXTAUTH_SECRET;
  return values;
}

/** Validates every variable in `source`; throws an EnvironmentError naming each one at fault. */
export function parseConfig(source: ConfigSource): Config {
  const parsed = schema.safeParse(valuesOf(source));
  if (!parsed.success)
    throw new EnvironmentError(parsed.error.issues.map((issue) => describe(issue.path.join("."), issue.message)));
  return parsed.data;
}

let memo: { values: (string | undefined)[]; config: Config } | undefined;

/**
 * This process's configuration, parsed once. Parsed again only when a variable changed since: tests, and commands
 * that prepare their environment before loading the app's modules (npm run mirror), set variables in-process.
 */
export function readConfig(): Config {
  const current = memo;
  if (current && NAMES.every((name, index) => process.env[name] === current.values[index])) return current.config;
  const values = NAMES.map((name) => process.env[name]);
  const config = parseConfig(process.env);
  memo = { values, config };
  return config;
}

/** The environment for a child process: this process's, with `overrides` set. */
export function childEnvironment(overrides: Partial<Record<VariableName, string>> = {}): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) environment[name] = value;
  return environment;
}

/**
 * Sets variables for the rest of this process, for a command that prepares the app's modules before loading them
 * (npm run mirror) or hosts the app in-process (the mirror's render server); readConfig() sees them on its next call.
 */
export function setEnvironment(values: Partial<Record<VariableName, string>>): void {
  for (const [name, value] of Object.entries(values)) if (value !== undefined) process.env[name] = value;
}

/** The configuration of `source` when a test gives one, else this process's. */
export function configFrom(source?: ConfigSource): Config {
  return source === undefined ? readConfig() : parseConfig(source);
}

export type ConfigWith<K extends VariableName> = Config & {
  readonly [P in K & RequiredName]-?: NonNullable<Config[P]>;
};

/** The type readEnvironment promises: it has just checked that each named required variable is set. */
function asConfigWith<K extends VariableName>(config: Config): ConfigWith<K> {
  return config as ConfigWith<K>;
}

/**
 * Validates every variable, and insists that the named ones among DATABASE_URL and AUTH_SECRET are set (a process
 * that needs one names it). An unset AUTH_SECRET falls back to next-auth's NEXTAUTH_SECRET.
 */
export function readEnvironment<K extends VariableName>(
  names: readonly K[],
  source: ConfigSource = process.env,
): ConfigWith<K> {
  const problems: string[] = [];
  let config: Config | undefined;
  try {
    config = source === process.env ? readConfig() : parseConfig(source);
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    problems.push(...error.problems);
  }
  const values = config ?? valuesOf(source);
  for (const name of REQUIRED)
    if (names.some((named) => named === name) && values[name] === undefined) problems.push(VARIABLES[name].whenMissing);
  if (problems.length > 0 || !config) throw new EnvironmentError(problems);
  return asConfigWith<K>(config);
}
