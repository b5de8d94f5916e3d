import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown";

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "<svg onload=alert(1)><circle/></svg>",
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  "<details open ontoggle=alert(1)>",
  '<a href="&#106;avascript:alert(1)">entity</a>',
  '<form action="https://evil.example"><button>go</button></form>',
];

describe("renderMarkdown renders XSS payloads inert", () => {
  it.each(PAYLOADS)("%s", (payload) => {
    const html = renderMarkdown(payload);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(svg|iframe|form|math|style|button)\b/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/style=/i);
  });

  it("keeps ordinary formatting, links and images", () => {
    const html = renderMarkdown(
      "## Cause\n\n- **bold**\n\n[docs](https://example.com) ![chart](https://example.com/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```sql\nselect 1;\n```",
    );
    expect(html).toContain("<h2>Cause</h2>");
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">docs</a>');
    expect(html).toContain('<img src="https://example.com/a.png"');
    expect(html).toContain("<table>");
    expect(html).toContain('<code class="language-sql">');
  });
});

describe("images in markdown", () => {
  it("always carry an alt attribute, empty when the author gave none", async () => {
    const { renderMarkdown } = await import("@/lib/markdown");
    expect(renderMarkdown("![](https://example.com/graph.png)")).toMatch(/<img[^>]*alt=""/);
    expect(renderMarkdown('<img src="https://example.com/x.png">')).toMatch(/<img[^>]*alt=""/);
    expect(renderMarkdown("![Error rate graph](https://example.com/graph.png)")).toContain('alt="Error rate graph"');
  });
});
