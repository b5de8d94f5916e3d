import { roleAtLeast, type Role } from "@/lib/status";

export type NavItem = { href: string; label: string };
/** A section of the console: its label names it in the top row and the menu; its items form the second row. */
export type NavGroup = { label: string; items: NavItem[] };
export type NavLocation = { group: NavGroup | null; item: NavItem | null };

const SECTIONS: { label: string; items: (NavItem & { role: Role })[] }[] = [
  { label: "Overview", items: [{ href: "/admin", label: "Overview", role: "viewer" }] },
  {
    label: "Incidents & maintenance",
    items: [
      { href: "/admin/incidents", label: "Incidents", role: "viewer" },
      { href: "/admin/maintenance", label: "Maintenance", role: "viewer" },
      { href: "/admin/templates", label: "Templates", role: "viewer" },
    ],
  },
  {
    label: "Page",
    items: [
      { href: "/admin/components", label: "Components", role: "viewer" },
      { href: "/admin/metrics", label: "Metrics", role: "viewer" },
      { href: "/admin/subscribers", label: "Subscribers", role: "owner" },
      { href: "/admin/settings", label: "Settings", role: "owner" },
    ],
  },
  {
    label: "People & access",
    items: [
      { href: "/admin/users", label: "Users", role: "owner" },
      { href: "/admin/api-keys", label: "API keys", role: "owner" },
      { href: "/admin/audit", label: "Audit log", role: "owner" },
    ],
  },
  {
    label: "Integrations",
    items: [
      { href: "/admin/integrations", label: "Integrations", role: "owner" },
      { href: "/admin/chat-channels", label: "Chat channels", role: "responder" },
    ],
  },
];

/**
 * The console's sections as `role` sees them. A section left with one page is named after that page, so a
 * responder reads "Chat channels" rather than an "Integrations" that opens something else.
 */
export function consoleNavGroups(role: Role): NavGroup[] {
  return SECTIONS.flatMap(({ label, items }) => {
    const visible = items.filter((item) => roleAtLeast(role, item.role)).map(({ href, label }) => ({ href, label }));
    if (visible.length === 0) return [];
    return [{ label: visible.length === 1 ? visible[0].label : label, items: visible }];
  });
}

function matches(pathname: string, href: string): boolean {
  return pathname === href || (href !== "/admin" && pathname.startsWith(`${href}/`));
}

/** The page and section `pathname` belongs to: the longest matching item wins (`/admin/settings/email` is Settings). */
export function locateInNav(groups: NavGroup[], pathname: string): NavLocation {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  let found: NavLocation = { group: null, item: null };
  for (const group of groups)
    for (const item of group.items)
      if (matches(path, item.href) && item.href.length > (found.item?.href.length ?? -1)) found = { group, item };
  return found;
}
