import { describe, expect, it } from "vitest";
import { cacheControlFor, contentTypeFor, mirrorKey } from "@/server/mirror/mirror-paths";
import { htmlFingerprint, prepareMirrorHtml } from "@/server/mirror/mirror-html";
import { getMirrorConfig } from "@/server/mirror/mirror-config";
import { scopeForTags, urlsForScope } from "@/server/mirror/mirror-scope";

describe("static mirror addresses", () => {
  it("maps app addresses to files a static host serves", () => {
    expect(mirrorKey("/")).toBe("index.html");
    expect(mirrorKey("/incidents/abc")).toBe("incidents/abc/index.html");
    expect(mirrorKey("/history")).toBe("history/index.html");
    expect(mirrorKey("/history?page=1")).toBe("history/index.html");
    expect(mirrorKey("/history?page=3")).toBe("history/page/3/index.html");
    expect(mirrorKey("/history?month=2025-02")).toBe("history/month/2025-02/index.html");
    expect(mirrorKey("/api/v2/summary.json")).toBe("api/v2/summary.json");
    expect(mirrorKey("/api/uptime/component/abc")).toBe("api/uptime/component/abc");
    expect(mirrorKey("/components/abc/history.rss")).toBe("components/abc/history.rss");
    expect(mirrorKey("/uptime.svg?v=123")).toBe("uptime.svg");
    expect(contentTypeFor("api/uptime/component/abc")).toBe("application/json; charset=utf-8");
    expect(contentTypeFor("history.rss")).toBe("application/rss+xml; charset=utf-8");
    expect(cacheControlFor("_next/static/chunks/a.js")).toContain("immutable");
    expect(cacheControlFor("live.json")).toBe("no-cache");
  });

  it("rewrites history links in the markup and in Next's payload alike, and adds the live-update meta once", () => {
    const html =
      `<html><head><title>x</title></head><body><a href="/history?page=2">Older</a><a href="/history?month=2026-03&amp;component=c1">x</a>` +
      `<script>self.__next_f.push([1,"5:[\\"$\\",\\"a\\",null,{\\"href\\":\\"/history?page=2\\"}]\\n"])</script></body></html>`;
    const mirrored = prepareMirrorHtml(html);
    expect(mirrored).toContain('<head><meta name="statuspage-mirror" content="/live.json"/><title>');
    expect(mirrored).toContain('href="/history/page/2/"');
    expect(mirrored).toContain('{\\"href\\":\\"/history/page/2/\\"}');
    // A filtered view has no static file; its link stays as the app wrote it.
    expect(mirrored).toContain('href="/history?month=2026-03&amp;component=c1"');
    expect(prepareMirrorHtml(mirrored)).toBe(mirrored);
  });

  it("fingerprints what a reader sees, not when it was rendered", () => {
    const page = (renderedAt: string, body: string) =>
      `<p>Last updated <time dateTime="${renderedAt}" data-format="time" title="just now">${renderedAt.slice(11, 16)} UTC</time></p>` +
      `<time dateTime="2026-01-01T00:00:00Z" data-format="datetime" title="${renderedAt} ago">Jan 1</time>${body}<script>self.__next_f.push([1,"${renderedAt}"])</script><script src="/_next/static/a.js"></script>`;
    expect(htmlFingerprint(page("2026-01-01T10:00:00Z", "<p>ok</p>"))).toBe(
      htmlFingerprint(page("2026-01-01T10:07:00Z", "<p>ok</p>")),
    );
    expect(htmlFingerprint(page("2026-01-01T10:00:00Z", "<p>ok</p>"))).not.toBe(
      htmlFingerprint(page("2026-01-01T10:00:00Z", "<p>down</p>")),
    );
    expect(htmlFingerprint(page("2026-01-01T10:00:00Z", "<p>ok</p>"))).not.toBe(
      htmlFingerprint(page("2026-01-01T10:00:00Z", "<p>ok</p>").replace("a.js", "b.js")),
    );
  });

  it("publishes every history page back to the first incident and each month with incidents", () => {
    const inventory = {
      incidentIds: ["i1"],
      componentIds: ["c1"],
      groupIds: ["g1"],
      metricIds: [],
      months: ["2026-05", "2025-12"],
      earliestStart: new Date("2025-12-10T00:00:00Z"),
    };
    const { first, rest } = urlsForScope(scopeForTags(["incidents"]), inventory, new Date("2026-05-20T00:00:00Z"));
    expect(first).toEqual(["/uptime.svg", "/", "/api/v2/summary.json", "/api/v2/status.json"]);
    expect(rest.slice(0, 4)).toEqual(["/history.rss", "/history.atom", "/history.json", "/api/v2/components.json"]);
    expect(first.indexOf("/uptime.svg")).toBeLessThan(first.indexOf("/"));
    // Page 1 holds March-May, page 2 December-February.
    expect(rest.filter((url) => url.startsWith("/history") && !url.includes("."))).toEqual([
      "/history",
      "/history?page=2",
      "/history?month=2026-05",
      "/history?month=2025-12",
    ]);
    expect(first).not.toContain("/incidents/i1");
    expect(urlsForScope(scopeForTags(["incident:i1"]), inventory, new Date()).first).toEqual([
      "/incidents/i1",
      "/api/v2/incidents/i1.json",
    ]);
    expect(urlsForScope(scopeForTags(["page"]), inventory, new Date()).first).toContain("/incidents/i1");
  });

  it("says which variable is wrong", () => {
    expect(getMirrorConfig({})).toBeNull();
    expect(() => getMirrorConfig({ STATIC_MIRROR_S3_URL: "https://bucket" })).toThrow(
      /STATIC_MIRROR_S3_URL must look like s3:\/\/bucket/,
    );
    expect(() => getMirrorConfig({ STATIC_MIRROR_DIR: "/tmp/x", STATIC_MIRROR_DEBOUNCE_MS: "soon" })).toThrow(
      /STATIC_MIRROR_DEBOUNCE_MS/,
    );
    expect(getMirrorConfig({ STATIC_MIRROR_S3_URL: "s3://my-bucket/status/site/" })!.s3).toEqual({
      bucket: "my-bucket",
      prefix: "status/site/",
      endpoint: null,
      region: expect.any(String),
      forcePathStyle: false,
    });
  });
});
