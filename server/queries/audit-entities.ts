import "server-only";
import { incidentHref } from "@/lib/console-links";
import { getDb, type DbOrTx } from "@/server/db/client";

export type AuditEntity = { label: string; href: string | null };
type Ref = { entityType: string; entityId: string | null; before: unknown; after: unknown };

const ids = (refs: Ref[], type: string) => [
  ...new Set(refs.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId!)),
];

function recorded(ref: Ref): string | null {
  for (const snapshot of [ref.after, ref.before]) {
    if (snapshot && typeof snapshot === "object") {
      const { name, email, endpoint } = snapshot as Record<string, unknown>;
      const label = [name, email, endpoint].find((v) => typeof v === "string" && v);
      if (label) return label as string;
    }
  }
  return null;
}

/** What each audited entity is (an incident's name, a user's email…) and where the console shows it. */
export async function describeAuditEntities(refs: Ref[], db: DbOrTx = getDb()): Promise<AuditEntity[]> {
  const [
    incidents,
    updates,
    postmortems,
    components,
    groups,
    users,
    subscribers,
    templates,
    apiKeys,
    chatChannels,
    integrations,
  ] = await Promise.all([
    db.incident.findMany({
      where: { id: { in: ids(refs, "incident") } },
      select: { id: true, name: true, kind: true },
    }),
    db.incidentUpdate.findMany({
      where: { id: { in: ids(refs, "incident_update") } },
      select: { id: true, incident: { select: { id: true, name: true, kind: true } } },
    }),
    db.postmortem.findMany({
      where: { id: { in: ids(refs, "postmortem") } },
      select: { id: true, incident: { select: { id: true, name: true } } },
    }),
    db.component.findMany({ where: { id: { in: ids(refs, "component") } }, select: { id: true, name: true } }),
    db.componentGroup.findMany({
      where: { id: { in: ids(refs, "component_group") } },
      select: { id: true, name: true },
    }),
    db.user.findMany({ where: { id: { in: ids(refs, "user") } }, select: { id: true, email: true } }),
    db.subscriber.findMany({
      where: { id: { in: ids(refs, "subscriber") } },
      select: { id: true, email: true, endpoint: true },
    }),
    db.messageTemplate.findMany({ where: { id: { in: ids(refs, "template") } }, select: { id: true, name: true } }),
    db.apiKey.findMany({ where: { id: { in: ids(refs, "api-key") } }, select: { id: true, name: true } }),
    db.chatChannel.findMany({ where: { id: { in: ids(refs, "chat-channel") } }, select: { id: true, name: true } }),
    db.alertIntegration.findMany({ where: { id: { in: ids(refs, "integration") } }, select: { id: true, name: true } }),
  ]);
  const known = new Map<string, AuditEntity>();
  const put = (type: string, id: string, label: string, href: string) => known.set(`${type}:${id}`, { label, href });
  for (const i of incidents) put("incident", i.id, i.name, incidentHref(i));
  for (const u of updates) put("incident_update", u.id, `Update on “${u.incident.name}”`, incidentHref(u.incident));
  for (const p of postmortems)
    put("postmortem", p.id, `Postmortem of “${p.incident.name}”`, `/admin/incidents/${p.incident.id}/postmortem`);
  for (const c of components) put("component", c.id, c.name, `/admin/components/${c.id}`);
  for (const g of groups) put("component_group", g.id, g.name, `/admin/components/groups/${g.id}`);
  for (const u of users) put("user", u.id, u.email, "/admin/users");
  for (const s of subscribers) put("subscriber", s.id, s.email ?? s.endpoint ?? s.id, `/admin/subscribers/${s.id}`);
  for (const t of templates) put("template", t.id, t.name, "/admin/templates");
  for (const k of apiKeys) put("api-key", k.id, k.name, "/admin/api-keys");
  for (const c of chatChannels) put("chat-channel", c.id, c.name, "/admin/chat-channels");
  for (const i of integrations) put("integration", i.id, i.name, "/admin/integrations");
  return refs.map((ref) => {
    if (ref.entityType === "page") return { label: "Page settings", href: "/admin/settings" };
    if (ref.entityType === "mail_settings") return { label: "Email settings", href: "/admin/settings/email" };
    const found = ref.entityId ? known.get(`${ref.entityType}:${ref.entityId}`) : undefined;
    if (found) return found;
    const label = recorded(ref);
    return { label: label ? `${label} (deleted)` : (ref.entityId ?? "—"), href: null };
  });
}
