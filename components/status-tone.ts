import type { AnyImpact, ComponentStatus, StatusIndicator } from "@/lib/status";

export type Tone = "ok" | "degraded" | "partial" | "major" | "maintenance" | "neutral";

export const COMPONENT_TONE: Record<ComponentStatus, Tone> = {
  operational: "ok",
  degraded_performance: "degraded",
  partial_outage: "partial",
  major_outage: "major",
  under_maintenance: "maintenance",
};

export const INDICATOR_TONE: Record<StatusIndicator, Tone> = {
  none: "ok",
  minor: "degraded",
  major: "partial",
  critical: "major",
  maintenance: "maintenance",
};

export const IMPACT_TONE: Record<AnyImpact, Tone> = {
  none: "neutral",
  minor: "degraded",
  major: "partial",
  critical: "major",
  maintenance: "maintenance",
};

/** Text colours that keep 4.5:1 contrast on the page background in light and dark mode. */
export const TONE_TEXT: Record<Tone, string> = {
  ok: "text-green-700 dark:text-green-400",
  degraded: "text-yellow-800 dark:text-yellow-300",
  partial: "text-orange-700 dark:text-orange-400",
  major: "text-red-700 dark:text-red-400",
  maintenance: "text-blue-700 dark:text-blue-300",
  neutral: "text-zinc-600 dark:text-zinc-400",
};

/** Solid backgrounds with the text colour that keeps 4.5:1 on them; yellow carries dark text, as white on yellow cannot. */
export const TONE_SOLID: Record<Tone, string> = {
  ok: "bg-status-operational text-white",
  degraded: "bg-amber-400 text-zinc-950",
  partial: "bg-status-partial text-white",
  major: "bg-status-major text-white",
  maintenance: "bg-status-maintenance text-white",
  neutral: "bg-zinc-600 text-white",
};

/** A card's left accent; left-only so the card's own (grey) border does not cover it in either scheme. */
export const TONE_BORDER: Record<Tone, string> = {
  ok: "border-l-green-600 dark:border-l-green-500",
  degraded: "border-l-amber-400 dark:border-l-amber-400",
  partial: "border-l-orange-500 dark:border-l-orange-500",
  major: "border-l-red-600 dark:border-l-red-500",
  maintenance: "border-l-blue-600 dark:border-l-blue-500",
  neutral: "border-l-zinc-400 dark:border-l-zinc-500",
};

/** Fills for uptime bar days; colour is never the only cue (each day has a text description). */
export const TONE_FILL: Record<Tone, string> = {
  ok: "bg-green-600 dark:bg-green-500",
  degraded: "bg-yellow-500 dark:bg-yellow-400",
  partial: "bg-orange-500",
  major: "bg-red-600 dark:bg-red-500",
  maintenance: "bg-blue-600 dark:bg-blue-500",
  neutral: "bg-zinc-300 dark:bg-zinc-700",
};
