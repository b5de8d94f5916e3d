import { describe, expect, it } from "vitest";
import { compileLinearRegex, REGEX_PROGRAM_MAX, RegexSyntaxError } from "@/lib/linear-regex";

const PATTERNS = [
  "critical|page",
  "us-.*",
  "qa.*",
  "(api|web)-[0-9]+",
  "prod-\\d{2,4}",
  "[^-]+-(eu|us)(-\\d)?",
  "a*b+c?",
  "(a|ab)(c|bcd)(d*)",
  "x{3}|y{2,}|z{0,2}",
  "[a-c\\d_.]*",
  "[\\w-]+\\.example\\.(com|org)",
  "\\s*\\S+\\s*",
  "\\W\\D",
  "[]|[^]",
  ".*",
  "",
  "(?:a|)+b",
  "(a*)*c",
  "(?<name>ab)+|(?<other>c)",
  "^a|b$",
  "a^b",
  "\\u{1F600}+|\\uD83D\\uDE00x",
  "\\x41\\u0042\\t",
  "[\\-a]+",
  "a+?b*?c??d{1,2}?",
  "é.ü",
  "[z-}]+",
  "\\cJ",
];
const TEXTS = [
  "",
  "critical",
  "page",
  "pager",
  "us-east-1",
  "eu-west",
  "qa",
  "api-12",
  "web-",
  "prod-123",
  "prod-12345",
  "node-eu-1",
  "node-us",
  "aaabbc",
  "abcd",
  "abbcdddd",
  "xxx",
  "yyyy",
  "z",
  "zzz",
  "ab_c.9",
  "my-host.example.org",
  "  word  ",
  "a b",
  "!1",
  "\n",
  "b",
  "aab",
  "aaac",
  "ababc",
  "a",
  "😀😀",
  "😀x",
  "AB\t",
  "-a-",
  "abcd",
  "abd",
  "é\nü",
  "éxü",
  "{|}",
  "\n",
];

describe("linear regular expressions", () => {
  it("agree with JavaScript's RegExp (u flag, fully anchored) on what they accept", () => {
    for (const pattern of PATTERNS) {
      const reference = new RegExp(`^(?:${pattern})$`, "u");
      const linear = compileLinearRegex(pattern);
      for (const text of TEXTS)
        expect([pattern, text, linear.test(text)]).toEqual([pattern, text, reference.test(text)]);
    }
  });

  it("match the pattern that froze a backtracking engine, with work bounded by text length times program size", () => {
    const regex = compileLinearRegex("(.*a){25}");
    expect(regex.size).toBeLessThan(120);
    expect(regex.test(`${"a".repeat(40)}!`)).toBe(false);
    expect(regex.test("a".repeat(40))).toBe(true);
    expect(regex.test(`${"a".repeat(20_000)}!`)).toBe(false);
    expect(compileLinearRegex("(a|a)*b").test(`${"a".repeat(20_000)}!`)).toBe(false);
    expect(compileLinearRegex("(?P<re2>ab)+").test("abab")).toBe(true);
    expect(compileLinearRegex(`${"a?".repeat(60)}${"a".repeat(60)}`).test("a".repeat(60))).toBe(true);
  });

  it("refuse what needs backtracking, invalid syntax and programs too large, saying why", () => {
    const refusals: [string, RegExp][] = [
      ["(a)\\1", /back-reference/],
      ["(?<x>a)\\k<x>", /back-reference/],
      ["(?=a)a", /lookaround/],
      ["(?<!a)b", /lookaround/],
      ["\\bword\\b", /word boundary/],
      ["(?i)api", /inline flags/],
      ["\\p{L}+", /Unicode property/],
      ["(unclosed", /not a valid regular expression: missing \)/],
      ["a)", /unmatched \)/],
      ["[a-", /missing \]/],
      ["*a", /nothing to repeat/],
      ["a**", /cannot be repeated again/],
      ["a{2}{3}", /cannot be repeated again/],
      ["^*", /cannot be repeated/],
      ["a{3,1}", /counts down/],
      ["a{1001}", /at most 1000/],
      ["a{", /write \\\{/],
      ["a}", /write \\\}/],
      ["[z-a]", /out of order/],
      ["[\\d-z]", /range cannot start/],
      ["\\q", /not a known escape/],
      ["\\", /lone \\/],
      ["(a{1000}){3}", new RegExp(`at most ${REGEX_PROGRAM_MAX} steps`)],
    ];
    for (const [pattern, reason] of refusals) {
      expect(() => compileLinearRegex(pattern), pattern).toThrow(RegexSyntaxError);
      expect(() => compileLinearRegex(pattern), pattern).toThrow(reason);
    }
  });
});
