import { describe, expect, it } from "vitest";
import { formatMatchers, matchesLabels, MatcherSyntaxError, parseMatchers } from "@/lib/alert-matchers";
import {
  DISCORD_MARKDOWN,
  SLACK_MRKDWN,
  charLength,
  convertMarkdown,
  truncate,
} from "@/server/notifications/chat/chat-text";

describe("label matchers", () => {
  it("reads the four operators, anchors regular expressions, and treats a missing label as empty", () => {
    const matchers = parseMatchers('service="api", severity=~"critical|page", env!="dev", team!~"qa.*"');
    expect(matchers.map((m) => m.op)).toEqual(["=", "=~", "!=", "!~"]);
    expect(matchesLabels(matchers, { service: "api", severity: "page", env: "prod", team: "core" })).toBe(true);
    expect(matchesLabels(matchers, { service: "api", severity: "critical-ish", env: "prod" })).toBe(false);
    expect(matchesLabels(matchers, { service: "api", severity: "page", env: "dev" })).toBe(false);
    expect(matchesLabels(matchers, { service: "api", severity: "page", team: "qa-east" })).toBe(false);
    expect(matchesLabels(parseMatchers('zone=""'), {})).toBe(true);
    expect(formatMatchers(parseMatchers('{a="x\\"y"}'))).toBe('a="x\\"y"');
  });

  it("says what it could not read", () => {
    expect(() => parseMatchers("service = api")).toThrow(MatcherSyntaxError);
    expect(() => parseMatchers('a=~"("')).toThrow(/not a valid regular expression/);
    expect(() => parseMatchers("")).toThrow(/at least one matcher/);
  });

  it("refuses expressions that would need backtracking, naming the label", () => {
    expect(() => parseMatchers('env="prod", svc=~"(a)\\\\1"')).toThrow(/^The expression for svc, .* back-reference/);
    expect(() => parseMatchers('svc!~"(?<=x)y"')).toThrow(/lookaround/);
    expect(matchesLabels(parseMatchers('svc=~"(.*a){3}"'), { svc: "banana" })).toBe(true);
    expect(matchesLabels(parseMatchers('svc!~"(.*a){3}"'), { svc: "bananas" })).toBe(true);
  });
});

describe("markdown for chat", () => {
  it("writes each dialect and keeps only safe links", () => {
    const md =
      "# Heading\n\n**Bold** _it_ ~~gone~~ `code` [docs](https://example.com/a_(b)) [bad](javascript:alert(1))\n\n- one\n- two";
    expect(convertMarkdown(md, SLACK_MRKDWN)).toBe(
      "*Heading*\n\n*Bold* _it_ ~gone~ `code` <https://example.com/a_(b)|docs> bad\n\n• one\n• two",
    );
    expect(convertMarkdown(md, DISCORD_MARKDOWN)).toContain("[docs](https://example.com/a_%28b%29)");
    expect(convertMarkdown("<script>x</script> a & b", SLACK_MRKDWN)).toBe("x a &amp; b");
  });

  it("cuts at a word break, never inside a link, and counts code points", () => {
    const text = `${"word ".repeat(30)}<https://example.com/long|link text>`;
    const cut = truncate(text, 160, "…");
    expect(charLength(cut)).toBeLessThanOrEqual(160);
    expect(cut).not.toMatch(/<[^>]*$/);
    expect(charLength(truncate("🚒".repeat(10), 5))).toBe(5);
  });
});
