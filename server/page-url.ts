import type { PageDto } from "@/lib/dto";
import { configFrom, type ConfigSource } from "@/server/config";

/**
 * The status page's own address without a trailing slash: the one an owner set, else `PUBLIC_URL`, else where
 * `npm start` serves it (`http://localhost:$PORT`).
 */
export function pageBaseUrl(page: Pick<PageDto, "url">, source?: ConfigSource): string {
  const config = configFrom(source);
  const candidates = [page.url, config.PUBLIC_URL, `http://localhost:${config.PORT}`];
  const url = candidates.map((value) => value?.trim()).find((value) => value && /^https?:\/\//i.test(value))!;
  return url.replace(/\/+$/, "");
}
