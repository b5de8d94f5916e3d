// Shields.io "flat" style badges, drawn here so they need no third-party service.
import { COMPONENT_STATUS_LABELS, type ComponentStatus, type StatusIndicator } from "@/lib/status";
import { xmlText } from "@/server/feeds/xml";
import { MAX_LABEL_LENGTH } from "@/lib/badge-label";

export const SVG_CONTENT_TYPE = "image/svg+xml; charset=utf-8";

export const INDICATOR_BADGE: Record<StatusIndicator, { message: string; color: string }> = {
  none: { message: "operational", color: "#3fb950" },
  minor: { message: "minor outage", color: "#d4a72c" },
  major: { message: "partial outage", color: "#e3702b" },
  critical: { message: "major outage", color: "#d73a49" },
  maintenance: { message: "maintenance", color: "#3b82f6" },
};

const COMPONENT_COLORS: Record<ComponentStatus, string> = {
  operational: INDICATOR_BADGE.none.color,
  degraded_performance: INDICATOR_BADGE.minor.color,
  partial_outage: INDICATOR_BADGE.major.color,
  major_outage: INDICATOR_BADGE.critical.color,
  under_maintenance: INDICATOR_BADGE.maintenance.color,
};

export function componentBadge(status: ComponentStatus): { message: string; color: string } {
  return { message: COMPONENT_STATUS_LABELS[status].toLowerCase(), color: COMPONENT_COLORS[status] };
}

const NARROW = new Set([..."fijlrt.,:;!|'()[] "]);
const WIDE = new Set([..."mwMW@%"]);

/** Approximate width of Verdana 11px text, close enough to size the badge's halves. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (NARROW.has(char)) width += 3.6;
    else if (WIDE.has(char)) width += 9.5;
    else if (char >= "A" && char <= "Z") width += 7.5;
    else if (char.codePointAt(0)! > 0x2000) width += 11;
    else width += 6.6;
  }
  return Math.ceil(width);
}

export function renderBadge(input: { label: string; message: string; color: string }): string {
  const label = [...input.label].slice(0, MAX_LABEL_LENGTH).join("");
  const { message, color } = input;
  const labelWidth = textWidth(label) + 12;
  const messageWidth = textWidth(message) + 12;
  const width = labelWidth + messageWidth;
  const title = xmlText(`${label}: ${message}`);
  const text = (x: number, value: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${xmlText(value)}</text><text x="${x}" y="14">${xmlText(value)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${xmlText(color)}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    text(labelWidth / 2, label),
    text(labelWidth + messageWidth / 2, message),
    `</g></svg>`,
  ].join("");
}
