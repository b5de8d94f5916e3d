import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link on the public site. It never prefetches: every open tab refreshes itself on each change, and prefetched
 * links would then be fetched again by every tab, each one a render keyed by the tab's router state.
 */
export function PublicLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
