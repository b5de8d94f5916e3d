import type { PageDto } from "@/lib/dto";

export const BRAND_MARK_CHECK = "M9.5 16.5l4.5 4.5 8.5-9.5";

/** The page's mark: a check on a disc of its brand colour. Favicons, the manifest and the default logo use it. */
export function brandMarkSvg(colour: string, label?: string): string {
  const title = label ? `<title>${label.replace(/[<>&"]/g, "")}</title>` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"${label ? ' role="img"' : ' aria-hidden="true"'}>${title}<circle cx="16" cy="16" r="16" fill="${colour}"/><path d="${BRAND_MARK_CHECK}" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function brandColour(page: Pick<PageDto, "brandColor">): string {
  return HEX_COLOUR.test(page.brandColor) ? page.brandColor : "#2563eb";
}
