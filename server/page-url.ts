import type { PageDto } from "@/lib/dto";

/**
 * The status page's own address without a trailing slash: the one an owner set, else `PUBLIC_URL`, else where
 * `npm start` serves it (`http://localhost:$PORT`).
 */
export function pageBaseUrl(page: Pick<PageDto, "url">, env: Record<string, string | undefined> = process.env): string {
  const candidates = [page.url, env.PUBLIC_URL, `http://localhost:${env.PORT || "3000"}`];
  const url = candidates.map((value) => value?.trim()).find((value) => value && /^https?:\/\//i.test(value))!;
  return url.replace(/\/+$/, "");
}
