// Prometheus-style label matchers: service="api", severity=~"critical|page", env!="dev", team!~"qa.*".
// Regular expressions are fully anchored, as in Alertmanager, and run in time linear in the label (see linear-regex).
import { compileLinearRegex, RegexSyntaxError, type LinearRegex } from "@/lib/linear-regex";

export type MatcherOp = "=" | "!=" | "=~" | "!~";
export type LabelMatcher = { label: string; op: MatcherOp; value: string; regex: LinearRegex | null };

export const MATCHERS_MAX_LENGTH = 1000;
const REGEX_MAX_LENGTH = 200;

export class MatcherSyntaxError extends Error {}

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/;

/** Parses `a="b", c=~"d|e"`; throws MatcherSyntaxError saying where it stopped making sense. */
export function parseMatchers(source: string): LabelMatcher[] {
  const text = source.trim().replace(/^\{/, "").replace(/\}$/, "");
  if (text.length > MATCHERS_MAX_LENGTH) throw new MatcherSyntaxError(`Use at most ${MATCHERS_MAX_LENGTH} characters.`);
  const matchers: LabelMatcher[] = [];
  let rest = text;
  while (rest.trim() !== "") {
    const match = MATCHER.exec(rest);
    if (!match)
      throw new MatcherSyntaxError(
        `Could not read “${rest.trim().slice(0, 40)}”: write label="value", label!="value", label=~"regex" or label!~"regex", separated by commas.`,
      );
    const [, label, op, raw] = match;
    const value = raw.replace(/\\(.)/g, "$1");
    const regex = op === "=~" || op === "!~" ? compileRegex(label, value) : null;
    matchers.push({ label, op: op as MatcherOp, value, regex });
    rest = rest.slice(match[0].length);
  }
  if (matchers.length === 0) throw new MatcherSyntaxError('Write at least one matcher, such as service="api".');
  return matchers;
}

function compileRegex(label: string, value: string): LinearRegex {
  if (value.length > REGEX_MAX_LENGTH)
    throw new MatcherSyntaxError(`The expression for ${label} must be at most ${REGEX_MAX_LENGTH} characters.`);
  try {
    return compileLinearRegex(value);
  } catch (error) {
    if (error instanceof RegexSyntaxError)
      throw new MatcherSyntaxError(`The expression for ${label}, “${value}”, ${error.message}.`);
    throw error;
  }
}

/** Why stored matchers can no longer be evaluated (they were saved under older rules), or null when they can. */
export function matchersProblem(source: string): string | null {
  try {
    parseMatchers(source);
    return null;
  } catch (error) {
    if (error instanceof MatcherSyntaxError) return error.message;
    throw error;
  }
}

/** A missing label matches as the empty string, as in Prometheus. */
export function matchesLabels(matchers: LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every(({ label, op, value, regex }) => {
    const actual = labels[label] ?? "";
    if (regex) return regex.test(actual) === (op === "=~");
    return (actual === value) === (op === "=");
  });
}

export function formatMatchers(matchers: LabelMatcher[]): string {
  return matchers.map((m) => `${m.label}${m.op}"${m.value.replace(/(["\\])/g, "\\$1")}"`).join(", ");
}
