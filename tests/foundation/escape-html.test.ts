import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/escape-html";

describe("escapeHtml", () => {
  it("escapes every character that can end text or a quoted attribute", () => {
    expect(escapeHtml(`& < > " '`)).toBe("&amp; &lt; &gt; &quot; &#39;");
  });

  it("escapes an ampersand once, before the entities it writes", () => {
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });

  it("keeps a script tag and a single-quoted attribute break inert", () => {
    expect(escapeHtml(`<script>alert(1)</script>`)).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(escapeHtml(`x' onmouseover='alert(1)`)).toBe("x&#39; onmouseover=&#39;alert(1)");
  });

  it("leaves plain text alone", () => {
    expect(escapeHtml("API – Europe (eu-west-1)")).toBe("API – Europe (eu-west-1)");
  });
});
