/** What public pages, the JSON API, feeds and badges send: a CDN serves 10 s, revalidates, and survives an outage. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";
