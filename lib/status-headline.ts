import { describeIndicator, type StatusIndicator } from "@/lib/status";

export type StatusHeadline = { text: string; settingUp: boolean };

/**
 * The public page's headline. A page without components (and nothing open) has nothing to be operational yet, so
 * it says it is being set up rather than "All Systems Operational" (the JSON API keeps Statuspage's wording).
 */
export function statusHeadline(input: {
  indicator: StatusIndicator;
  componentCount: number;
  pageName: string;
}): StatusHeadline {
  if (input.componentCount > 0 || input.indicator !== "none")
    return { text: describeIndicator(input.indicator), settingUp: false };
  const name = input.pageName.trim();
  return {
    text: name ? `The ${name} status page is being set up` : "This status page is being set up",
    settingUp: true,
  };
}
