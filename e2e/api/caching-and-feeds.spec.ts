import { expect, test } from "@playwright/test";
import { addComponent, waitUntilListed } from "@/e2e/public/fixtures";
import { HOSTILE_TEXT, UNSTORABLE_TEXT, bearer, mintApiKey, uniqueName } from "./fixtures";

const CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";

test("every public machine endpoint sends its content type, CORS, CDN caching and 304 on a matching ETag", async ({
  request,
}) => {
  const { id: componentId } = await addComponent(uniqueName("Cached feed"));
  // The app learns of the new component through NOTIFY; its feed and badge exist once the public list shows it.
  await waitUntilListed(componentId);
  const endpoints: [string, string][] = [
    ["/api/v2/summary.json", "application/json; charset=utf-8"],
    ["/api/v2/status.json", "application/json; charset=utf-8"],
    ["/api/v2/incidents.json", "application/json; charset=utf-8"],
    ["/api/v2/scheduled-maintenances/upcoming.json", "application/json; charset=utf-8"],
    ["/history.rss", "application/rss+xml; charset=utf-8"],
    ["/history.atom", "application/atom+xml; charset=utf-8"],
    ["/history.json", "application/feed+json; charset=utf-8"],
    [`/components/${componentId}/history.rss`, "application/rss+xml; charset=utf-8"],
    ["/badge.svg", "image/svg+xml; charset=utf-8"],
    [`/components/${componentId}/badge.svg`, "image/svg+xml; charset=utf-8"],
  ];
  for (const [path, contentType] of endpoints) {
    const first = await request.get(path);
    expect(first.status(), path).toBe(200);
    expect(first.headers()["content-type"], path).toBe(contentType);
    expect(first.headers()["cache-control"], path).toBe(CACHE_CONTROL);
    expect(first.headers()["access-control-allow-origin"], path).toBe("*");
    const etag = first.headers()["etag"];
    expect(etag, path).toMatch(/^"[\w-]+"$/);
    expect((await first.body()).length, path).toBeGreaterThan(0);
    // Specs running beside this one change the status these endpoints show: a 200 then carries a new ETag, and
    // that one must be answered with 304.
    let current = etag;
    let again = await request.get(path, { headers: { "If-None-Match": current } });
    for (let changed = 0; again.status() === 200 && changed < 5; changed++) {
      expect(again.headers()["etag"], path).not.toBe(current);
      current = again.headers()["etag"];
      again = await request.get(path, { headers: { "If-None-Match": current } });
    }
    expect(again.status(), path).toBe(304);
  }
});

test("feeds stay well-formed for hostile incident text, checked by Chromium's XML parser", async ({
  page,
  request,
}) => {
  const token = await mintApiKey("responder");
  const refused = await request.post("/api/v1/incidents", {
    headers: bearer(token),
    data: { name: uniqueName(UNSTORABLE_TEXT), body: UNSTORABLE_TEXT, impact: "minor" },
  });
  expect(refused.status()).toBe(422);
  expect(Object.keys((await refused.json()).error.fields).sort()).toEqual(["body", "name"]);
  const name = uniqueName(HOSTILE_TEXT);
  const created = await request.post("/api/v1/incidents", {
    headers: bearer(token),
    data: { name, body: HOSTILE_TEXT, impact: "minor" },
  });
  expect(created.status()).toBe(201);
  const incidentId = (await created.json()).incident.id;

  await page.goto("/embed");
  for (const path of ["/history.rss", "/history.atom"]) {
    const result = await page.evaluate(async (url) => {
      const text = await (await fetch(url)).text();
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const error = doc.getElementsByTagName("parsererror")[0];
      const titles = [...doc.querySelectorAll("item > title, entry > title")].map((n) => n.textContent);
      return { error: error ? error.textContent : null, titles };
    }, path);
    expect(result.error, path).toBeNull();
    expect(result.titles, path).toContain(name);
  }
  const feed = await (await request.get("/history.json")).json();
  const item = feed.items.find((i: { url: string }) => i.url.endsWith(`/incidents/${incidentId}`));
  expect(item.url).toMatch(/^http/);
  expect(item.content_html).not.toContain("<script");
  expect(item.content_html).toContain("💥");
});
