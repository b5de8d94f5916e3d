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

/** Solid backgrounds that carry white text. */
export const TONE_SOLID: Record<Tone, string> = {
  ok: "bg-status-operational",
  degraded: "bg-status-degraded",
  partial: "bg-status-partial",
  major: "bg-status-major",
  maintenance: "bg-status-maintenance",
  neutral: "bg-zinc-600",
};

export const TONE_BORDER: Record<Tone, string> = {
  ok: "border-green-600",
  degraded: "border-yellow-500",
  partial: "border-orange-500",
  major: "border-red-600",
  maintenance: "border-blue-600",
  neutral: "border-zinc-400",
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
