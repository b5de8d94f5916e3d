import { describe, expect, it } from "vitest";
import {
  createMatchClock,
  matchersProblem,
  matchesLabels,
  MatcherSyntaxError,
  MatchTimeSpent,
  parseMatchers,
  REGEX_PROGRAM_MAX,
} from "@/lib/alert-matchers";
import { alertRuleSchema } from "@/server/services/integrations/manage-alert-rules";

/** `svc=~"…"` with the pattern written as in a Prometheus matcher, its backslashes and quotes escaped. */
const source = (pattern: string, op = "=~") => `svc${op}"${pattern.replace(/(["\\])/g, "\\$1")}"`;
const matches = (pattern: string, value: string, op = "=~") =>
  matchesLabels(parseMatchers(source(pattern, op)), { svc: value });

/** The field errors a rule saved with these matchers gets, as the save path checks them. */
function saveErrors(matchers: string): Record<string, string[]> {
  const parsed = alertRuleSchema.safeParse({
    integrationId: "integration",
    matchers,
    componentId: "component",
    firingStatus: "major_outage",
  });
  if (parsed.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

describe("regular expressions in label matchers (RE2, as in Prometheus)", () => {
  it("match the whole value, as Alertmanager's ^(?:regex)$ does", () => {
    const table: [string, string, boolean][] = [
      ["critical|page", "critical", true],
      ["critical|page", "page", true],
      ["critical|page", "critical-ish", false],
      ["critical|page", "pager", false],
      ["critical|page", "xpage", false],
      ["^a|b$", "a", true],
      ["^a|b$", "ab", false],
      ["us-.*", "us-east-1", true],
      ["us-.*", "eu-us-1", false],
      ["", "", true],
      ["", "x", false],
      [".*", "", true],
    ];
    for (const [pattern, value, expected] of table) {
      expect([pattern, value, matches(pattern, value)]).toEqual([pattern, value, expected]);
      expect([pattern, value, matches(pattern, value, "!~")]).toEqual([pattern, value, !expected]);
    }
    expect(matchesLabels(parseMatchers('zone=~""'), {})).toBe(true);
    expect(matchesLabels(parseMatchers('zone=~".+"'), {})).toBe(false);
  });

  it("read the RE2 syntax Prometheus users write", () => {
    const table: [string, string, boolean][] = [
      ["web-\\d+", "web-12", true],
      ["web-\\d+", "web-", false],
      ["web-\\d+", "web-12a", false],
      ["(?i)prod", "PROD", true],
      ["(?i)prod", "Prod", true],
      ["(?i)prod", "production", false],
      ["prod", "PROD", false],
      ["[[:alpha:]]+", "abcXYZ", true],
      ["[[:alpha:]]+", "abc1", false],
      ["[[:digit:]-]+", "12-34", true],
      ["(api|web)-[0-9]{2,4}", "api-123", true],
      ["(api|web)-[0-9]{2,4}", "db-123", false],
      ["(api|web)-[0-9]{2,4}", "web-12345", false],
      ["\\bweb\\b-\\d", "web-1", true],
      ["\\pL+", "ünïcode", true],
      ["\\p{Greek}+", "αβγ", true],
      ["\\p{Greek}+", "abc", false],
      ["(?P<tier>front|back)end", "backend", true],
      ["(?<tier>front|back)end", "frontend", true],
      ["\\Qa.b\\E", "a.b", true],
      ["\\Qa.b\\E", "axb", false],
      ["\\x{1F600}", "😀", true],
      ["a.b", "a\nb", false],
      ["(?s)a.b", "a\nb", true],
      ["[\\w.-]+\\.example\\.(com|org)", "my-host.example.org", true],
    ];
    for (const [pattern, value, expected] of table)
      expect([pattern, value, matches(pattern, value)]).toEqual([pattern, value, expected]);
  });

  it("answer the pattern that froze a backtracking engine, and long inputs, correctly", () => {
    const redos = parseMatchers(source("(.*a){25}"));
    expect(matchesLabels(redos, { svc: `${"a".repeat(40)}!` })).toBe(false);
    expect(matchesLabels(redos, { svc: "a".repeat(40) })).toBe(true);
    expect(matchesLabels(redos, { svc: "a".repeat(24) })).toBe(false);
    expect(matchesLabels(parseMatchers(source("(.*a){25}", "!~")), { svc: `${"a".repeat(40)}!` })).toBe(true);

    const long = `${"a".repeat(19_999)}!`;
    expect(long).toHaveLength(20_000);
    expect(matches("(.*a){25}", long)).toBe(false);
    expect(matches("(.*a){25}", "a".repeat(20_000))).toBe(true);
    expect(matches("(a|a)*b", long)).toBe(false);
    expect(matches("(a+)+", long)).toBe(false);
    expect(matches("(a+)+!", long)).toBe(true);
  });

  it("refuse at save time, naming the matchers field, what RE2 cannot match in linear time", () => {
    const refusals: [string, RegExp][] = [
      ["(a)\\1", /^The expression for svc, “\(a\)\\1”, uses a back-reference \(\\1\), which RE2 does not support/],
      ["(?P<x>a)\\k<x>", /uses a back-reference \(\\k\)/],
      ["(?=a)a", /uses a lookaround \(\(\?=\)/],
      ["(?!canary).*", /uses a lookaround \(\(\?!\)/],
      ["(?<=x)y", /uses a lookaround \(\(\?<=\)/],
      ["(?<!a)b", /uses a lookaround \(\(\?<!\)/],
    ];
    for (const [pattern, reason] of refusals) {
      expect(() => parseMatchers(`env="prod", ${source(pattern)}`), pattern).toThrow(MatcherSyntaxError);
      expect(() => parseMatchers(`env="prod", ${source(pattern)}`), pattern).toThrow(reason);
      expect(saveErrors(`env="prod", ${source(pattern, "!~")}`), pattern).toEqual({
        matchers: [expect.stringMatching(reason)],
      });
    }
    expect(saveErrors('env="prod", svc=~"web-\\\\d+"')).toEqual({});
  });

  it("refuse invalid syntax with RE2's reason, and expressions too long or too large", () => {
    const refusals: [string, RegExp][] = [
      ["(unclosed", /is not a valid regular expression \(RE2 syntax\): missing closing \) at “\(unclosed”\.$/],
      ["a)|(b", /not a valid regular expression .*: unexpected \)/],
      ["[a-", /missing closing \]/],
      ["*a", /missing argument to repetition operator at “\*”/],
      ["a**", /invalid nested repetition operator/],
      ["[z-a]", /invalid character class range at “z-a”/],
      ["\\q", /invalid escape sequence at “\\q”/],
      ["\\", /trailing backslash at end of expression\.$/],
      ["\\u0041", /invalid escape sequence at “\\u”/],
      ["a{1001}", /invalid repeat count at “\{1001\}”/],
      ["(a{1000}){3}", /invalid repeat count/],
      [
        "(.*a){1000}",
        new RegExp(`is too large: RE2 compiles it to \\d+ instructions, and at most ${REGEX_PROGRAM_MAX}`),
      ],
      ["a".repeat(201), /^The expression for svc must be at most 200 characters\.$/],
    ];
    for (const [pattern, reason] of refusals) {
      expect(() => parseMatchers(source(pattern)), pattern).toThrow(MatcherSyntaxError);
      expect(() => parseMatchers(source(pattern)), pattern).toThrow(reason);
      expect(saveErrors(source(pattern)), pattern).toEqual({ matchers: [expect.stringMatching(reason)] });
    }
    expect(() => parseMatchers(source("a{1000}"))).not.toThrow();
    expect(() => parseMatchers(source("a".repeat(200)))).not.toThrow();
  });

  it("report, instead of evaluating, a stored rule written in syntax RE2 does not read", () => {
    expect(matchersProblem(source("web-\\d+"))).toBeNull();
    expect(matchersProblem(source("\\u{1F600}+"))).toMatch(/^The expression for svc, .* invalid escape sequence/);
    expect(matchersProblem(source("(?<!canary-).*"))).toMatch(/uses a lookaround/);
  });
});

describe("the clock on one request's matching", () => {
  it("refuses to start another match once the request has spent its time, whatever is left", () => {
    let now = 0;
    const clock = createMatchClock(250, () => now);
    const matchers = parseMatchers('svc=~"web-.*"');
    const slowMatch = () => {
      now += 100;
      return true;
    };
    expect(clock.time(slowMatch)).toBe(true);
    expect(clock.time(slowMatch)).toBe(true);
    expect(clock.time(slowMatch)).toBe(true);
    expect(() => clock.time(slowMatch)).toThrow(MatchTimeSpent);
    expect(() => matchesLabels(matchers, { svc: "web-1" }, clock)).toThrow(MatchTimeSpent);
    expect(matchesLabels(matchers, { svc: "web-1" })).toBe(true);
  });
});
