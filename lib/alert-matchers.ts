// Prometheus-style label matchers: service="api", severity=~"critical|page", env!="dev", team!~"qa.*".
// Regular expressions are fully anchored, as in Alertmanager.

export type MatcherOp = "=" | "!=" | "=~" | "!~";
export type LabelMatcher = { label: string; op: MatcherOp; value: string };

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
    if (op === "=~" || op === "!~") {
      if (value.length > REGEX_MAX_LENGTH)
        throw new MatcherSyntaxError(`The expression for ${label} must be at most ${REGEX_MAX_LENGTH} characters.`);
      try {
        new RegExp(`^(?:${value})$`, "u");
      } catch {
        throw new MatcherSyntaxError(`“${value}” is not a valid regular expression.`);
      }
    }
    matchers.push({ label, op: op as MatcherOp, value });
    rest = rest.slice(match[0].length);
  }
  if (matchers.length === 0) throw new MatcherSyntaxError('Write at least one matcher, such as service="api".');
  return matchers;
}

/** A missing label matches as the empty string, as in Prometheus. */
export function matchesLabels(matchers: LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every(({ label, op, value }) => {
    const actual = labels[label] ?? "";
    switch (op) {
      case "=":
        return actual === value;
      case "!=":
        return actual !== value;
      case "=~":
        return new RegExp(`^(?:${value})$`, "u").test(actual);
      case "!~":
        return !new RegExp(`^(?:${value})$`, "u").test(actual);
    }
  });
}

export function formatMatchers(matchers: LabelMatcher[]): string {
  return matchers.map((m) => `${m.label}${m.op}"${m.value.replace(/(["\\])/g, "\\$1")}"`).join(", ");
}
