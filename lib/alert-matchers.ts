// Prometheus-style label matchers: service="api", severity=~"critical|page", env!="dev", team!~"qa.*".
// Regular expressions are RE2's, as in Prometheus and Alertmanager (re2js, a port of RE2): they match in time linear
// in the label, and like Alertmanager's `^(?:regex)$` they must match the whole value.
import { RE2JS, RE2JSSyntaxException } from "re2js";

export type MatcherOp = "=" | "!=" | "=~" | "!~";
export type LabelMatcher = { label: string; op: MatcherOp; value: string; regex: RE2JS | null };

export const MATCHERS_MAX_LENGTH = 1000;
const REGEX_MAX_LENGTH = 200;
/** RE2 caps each repetition count at 1000 but not the program they write out; matching may cost its size × the label. */
export const REGEX_PROGRAM_MAX = 2000;
/** What RE2 refuses because it cannot be matched without backtracking, recognised by where RE2's parser stopped. */
const UNSUPPORTED: [RegExp, string][] = [
  [/^\\(?:[1-9]|k)/, "a back-reference"],
  [/^\(\?<?[=!]/, "a lookaround"],
];

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

function compileRegex(label: string, value: string): RE2JS {
  if (value.length > REGEX_MAX_LENGTH)
    throw new MatcherSyntaxError(`The expression for ${label} must be at most ${REGEX_MAX_LENGTH} characters.`);
  const expression = `The expression for ${label}, “${value}”,`;
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(value);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) throw new MatcherSyntaxError(`${expression} ${syntaxProblem(error)}.`);
    throw error;
  }
  if (regex.programSize() > REGEX_PROGRAM_MAX)
    throw new MatcherSyntaxError(
      `${expression} is too large: RE2 compiles it to ${regex.programSize()} instructions, and at most ${REGEX_PROGRAM_MAX} are allowed.`,
    );
  return regex;
}

/** RE2's parser error, in words: what is unsupported by name, anything else as RE2 describes it and where. */
function syntaxProblem(error: RE2JSSyntaxException): string {
  const at = error.getPattern();
  for (const [construct, name] of UNSUPPORTED) {
    const found = at ? construct.exec(at) : null;
    if (found)
      return `uses ${name} (${found[0]}), which RE2 does not support: matching must stay linear in the length of the label`;
  }
  return `is not a valid regular expression (RE2 syntax): ${error.getDescription()}${at ? ` at “${at}”` : ""}`;
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

/** Thrown when matching one request's alerts has taken more of the server's time than it may. */
export class MatchTimeSpent extends Error {}

/**
 * How long matching may run for one request. Each match is linear in its label, but a thousand alerts against rules
 * near the size cap would still hold the event loop for seconds; beyond this the request is refused, never finished.
 */
export function createMatchClock(limitMs = 250, now: () => number = () => performance.now()) {
  let spent = 0;
  return {
    time<T>(match: () => T): T {
      if (spent > limitMs) throw new MatchTimeSpent();
      const started = now();
      try {
        return match();
      } finally {
        spent += now() - started;
      }
    },
  };
}

export type MatchClock = ReturnType<typeof createMatchClock>;

const UNTIMED: MatchClock = { time: (match) => match() };

/** A missing label matches as the empty string, as in Prometheus. */
export function matchesLabels(
  matchers: LabelMatcher[],
  labels: Record<string, string>,
  clock: MatchClock = UNTIMED,
): boolean {
  return matchers.every(({ label, op, value, regex }) => {
    const actual = labels[label] ?? "";
    if (regex) return clock.time(() => regex.matches(actual)) === (op === "=~");
    return (actual === value) === (op === "=");
  });
}

export function formatMatchers(matchers: LabelMatcher[]): string {
  return matchers.map((m) => `${m.label}${m.op}"${m.value.replace(/(["\\])/g, "\\$1")}"`).join(", ");
}
