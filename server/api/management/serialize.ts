import "server-only";
import type {
  ManagedComponent,
  ManagedGroup,
  ManagedIncident,
  ManagedPage,
  ManagedSubscriber,
  ManagedTemplate,
  ManagedUpdate,
} from "@/server/queries/management-reads";

// Statuspage's management API objects (api.statuspage.io/v1), field for field.

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export type PageRef = { id: string; baseUrl: string };

/** The page id clients see: the imported Statuspage id when there is one, so migrated scripts keep their URLs. */
export function publicPageId(page: Pick<ManagedPage, "id" | "statuspagePageId">): string {
  return page.statuspagePageId ?? page.id;
}

export function serializeManagedPage(page: ManagedPage, baseUrl: string) {
  const host = (() => {
    try {
      return new URL(baseUrl).host;
    } catch {
      return null;
    }
  })();
  return {
    id: publicPageId(page),
    created_at: iso(page.createdAt),
    updated_at: iso(page.updatedAt),
    name: page.name,
    page_description: page.description,
    headline: null,
    branding: "premium",
    subdomain: null,
    domain: host,
    url: page.url,
    support_url: page.supportUrl,
    hidden_from_search: false,
    allow_page_subscribers: true,
    allow_incident_subscribers: true,
    allow_email_subscribers: true,
    allow_sms_subscribers: false,
    allow_rss_atom_feeds: true,
    allow_webhook_subscribers: true,
    notifications_from_email: page.contactEmail,
    notifications_email_footer: page.footerText,
    activity_score: 0,
    twitter_username: page.twitter,
    viewers_must_be_team_members: false,
    ip_restrictions: null,
    city: null,
    state: null,
    country: null,
    time_zone: page.timeZone,
    css_body_background_color: null,
    css_font_color: null,
    css_light_font_color: null,
    css_greens: null,
    css_yellows: null,
    css_oranges: null,
    css_blues: page.brandColor,
    css_reds: null,
    css_border_color: null,
    css_graph_color: null,
    css_link_color: page.brandColor,
    css_no_data: null,
    favicon_logo: page.faviconUrl ? { url: page.faviconUrl } : null,
    transactional_logo: page.logoUrl ? { url: page.logoUrl } : null,
    hero_cover: null,
    email_logo: page.logoUrl ? { url: page.logoUrl } : null,
    twitter_logo: null,
  };
}

export function serializeManagedComponent(component: ManagedComponent, pageId: string) {
  return {
    id: component.id,
    page_id: pageId,
    group_id: component.groupId,
    created_at: iso(component.createdAt),
    updated_at: iso(component.updatedAt),
    group: false,
    name: component.name,
    description: component.description,
    position: component.position,
    status: component.status,
    showcase: component.showcase,
    only_show_if_degraded: component.onlyShowIfDegraded,
    automation_email: null,
    start_date: component.startDate ? component.startDate.toISOString().slice(0, 10) : null,
  };
}

export function serializeManagedGroup(group: ManagedGroup, pageId: string) {
  return {
    id: group.id,
    page_id: pageId,
    name: group.name,
    description: group.description,
    components: group.components.map((c) => c.id),
    position: group.position,
    created_at: iso(group.createdAt),
    updated_at: iso(group.updatedAt),
  };
}

export function serializeManagedUpdate(update: ManagedUpdate) {
  return {
    id: update.id,
    incident_id: update.incidentId,
    status: update.status,
    body: update.body,
    created_at: iso(update.createdAt),
    updated_at: iso(update.updatedAt),
    display_at: iso(update.displayAt),
    affected_components: update.affectedComponents.length
      ? update.affectedComponents.map((a) => ({
          code: a.componentId,
          name: a.componentName,
          old_status: a.oldStatus,
          new_status: a.newStatus,
        }))
      : null,
    deliver_notifications: update.deliverNotifications,
    custom_tweet: null,
    tweet_id: null,
    twitter_updated_at: null,
    wants_twitter_update: false,
  };
}

export function incidentShortlink(baseUrl: string, incidentId: string) {
  return `${baseUrl}/incidents/${encodeURIComponent(incidentId)}`;
}

export function serializeManagedIncident(incident: ManagedIncident, page: PageRef) {
  const maintenance = incident.kind === "maintenance";
  const postmortem = incident.postmortem;
  return {
    id: incident.id,
    name: incident.name,
    status: incident.status,
    impact: maintenance ? "maintenance" : incident.impact,
    impact_override: incident.impactOverride,
    shortlink: incidentShortlink(page.baseUrl, incident.id),
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    started_at: iso(incident.startedAt),
    monitoring_at: isoOrNull(incident.monitoringAt),
    resolved_at: isoOrNull(incident.resolvedAt),
    page_id: page.id,
    backfilled: incident.backfilled,
    incident_updates: incident.updates.map(serializeManagedUpdate),
    components: incident.components
      .map((c) => c.component)
      .sort((a, b) => a.position - b.position)
      .map((c) => serializeManagedComponent(c, page.id)),
    postmortem_body: postmortem?.publishedAt ? postmortem.body : null,
    postmortem_body_last_updated_at: postmortem?.publishedAt ? isoOrNull(postmortem.bodyUpdatedAt) : null,
    postmortem_ignored: false,
    postmortem_notified_subscribers: false,
    postmortem_notified_twitter: false,
    postmortem_published_at: isoOrNull(postmortem?.publishedAt),
    scheduled_for: isoOrNull(incident.scheduledFor),
    scheduled_until: isoOrNull(incident.scheduledUntil),
    scheduled_remind_prior: incident.scheduledRemindPrior,
    scheduled_reminded_at: null,
    scheduled_auto_in_progress: maintenance ? incident.scheduledAutoInProgress : false,
    scheduled_auto_completed: maintenance ? incident.scheduledAutoCompleted : false,
    auto_transition_to_maintenance_state: incident.autoTransitionToMaintenanceState,
    auto_transition_to_operational_state: incident.autoTransitionToOperationalState,
    auto_transition_deliver_notifications_at_start: incident.autoTransitionDeliverNotifications,
    auto_transition_deliver_notifications_at_end: incident.autoTransitionDeliverNotifications,
    reminder_intervals: null,
    metadata: incident.metadata ?? {},
    incident_impacts: [],
  };
}

export function serializeManagedPostmortem(incident: ManagedIncident, baseUrl: string) {
  const postmortem = incident.postmortem;
  return {
    preview_key: incident.id,
    body: postmortem?.publishedAt ? postmortem.body : null,
    body_updated_at: postmortem?.publishedAt ? isoOrNull(postmortem.bodyUpdatedAt) : null,
    body_draft: postmortem?.draft ?? null,
    body_draft_updated_at: isoOrNull(postmortem?.draftUpdatedAt),
    published_at: isoOrNull(postmortem?.publishedAt),
    notify_subscribers: false,
    notify_twitter: false,
    custom_tweet: null,
    created_at: isoOrNull(postmortem?.createdAt),
    updated_at: isoOrNull(postmortem?.updatedAt),
    url: incidentShortlink(baseUrl, incident.id),
  };
}

export function subscriberMode(subscriber: ManagedSubscriber) {
  return subscriber.kind;
}

export function serializeManagedSubscriber(subscriber: ManagedSubscriber) {
  return {
    id: subscriber.id,
    mode: subscriber.kind,
    email: subscriber.email,
    endpoint: subscriber.endpoint,
    phone_number: null,
    phone_country: null,
    display_phone_number: null,
    obfuscated_channel_name: null,
    workspace_name: null,
    skip_confirmation_notification: false,
    quarantined_at: isoOrNull(subscriber.disabledAt),
    purge_at: null,
    components: subscriber.allComponents ? null : subscriber.components.map((c) => c.componentId),
    page_access_user_id: null,
    created_at: iso(subscriber.createdAt),
    incident_id: subscriber.incidentId,
    confirmed_at: isoOrNull(subscriber.confirmedAt),
    unsubscribed_at: isoOrNull(subscriber.unsubscribedAt),
  };
}

export function serializeManagedTemplate(template: ManagedTemplate) {
  return {
    id: template.id,
    name: template.name,
    title: template.title ?? template.name,
    body: template.body,
    group_id: null,
    update_status: template.status,
    should_tweet: false,
    should_send_notifications: true,
    components: [],
    created_at: iso(template.createdAt),
    updated_at: iso(template.updatedAt),
  };
}
