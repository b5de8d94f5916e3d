// A Statuspage account as its management API describes it: one page, groups, components, a long incident history.

const DAY = 86_400_000;
export const PAGE_ID = "kctbh9vrtdwd";
export const API_KEY = "6c4a1f0e-8f5d-4b7e-9c1a-2e3d4f5a6b7c";
export const HOSTILE_BODY =
  'Fixed <script>alert("x")</script> see [details](javascript:alert(1)) \u0000 and <img src=x onerror=alert(2)>';

// Past times count back from the latest noon (UTC), so an incident of a few hours never spans midnight: a test
// that asks for one day's uptime must not depend on the hour it runs.
const LATEST_NOON = (() => {
  const noon = new Date();
  noon.setUTCHours(12, 0, 0, 0);
  return noon.getTime() > Date.now() ? noon.getTime() - DAY : noon.getTime();
})();
const at = (msAgo: number) => new Date(LATEST_NOON - msAgo).toISOString();
const day = (n: number) => at(n * DAY);

export type Fixture = ReturnType<typeof buildFixture>;

function component(
  id: string,
  name: string,
  position: number,
  groupId: string | null,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    page_id: PAGE_ID,
    group_id: groupId,
    created_at: day(400),
    updated_at: day(1),
    group: false,
    name,
    description: `${name} service`,
    position,
    status: "operational",
    showcase: true,
    only_show_if_degraded: false,
    automation_email: `component+${id}@notifications.statuspage.io`,
    start_date: "2025-01-01",
    ...extra,
  };
}

function update(
  id: string,
  incidentId: string,
  status: string,
  body: string,
  displayAt: string,
  affected: { code: string; name: string; old_status: string; new_status: string }[] | null = null,
) {
  return {
    id,
    incident_id: incidentId,
    status,
    body,
    created_at: displayAt,
    updated_at: displayAt,
    display_at: displayAt,
    affected_components: affected,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
    twitter_updated_at: null,
    wants_twitter_update: false,
  };
}

function incident(id: string, name: string, fields: Record<string, unknown>, updates: ReturnType<typeof update>[]) {
  const ordered = [...updates].sort((a, b) => b.display_at.localeCompare(a.display_at));
  const first = ordered[ordered.length - 1];
  return {
    id,
    name,
    status: ordered[0].status,
    impact: "minor",
    impact_override: null,
    shortlink: `http://stspg.io/${id.slice(0, 9)}`,
    created_at: first.created_at,
    updated_at: ordered[0].updated_at,
    started_at: first.display_at,
    monitoring_at: null,
    resolved_at: ordered[0].status === "resolved" || ordered[0].status === "postmortem" ? ordered[0].display_at : null,
    page_id: PAGE_ID,
    incident_updates: ordered,
    components: [],
    postmortem_body: null,
    postmortem_body_last_updated_at: null,
    postmortem_ignored: false,
    postmortem_notified_subscribers: false,
    postmortem_notified_twitter: false,
    postmortem_published_at: null,
    scheduled_for: null,
    scheduled_until: null,
    scheduled_remind_prior: false,
    scheduled_reminded_at: null,
    scheduled_auto_in_progress: false,
    scheduled_auto_completed: false,
    metadata: {},
    reminder_intervals: null,
    backfilled: false,
    auto_transition_to_maintenance_state: false,
    auto_transition_to_operational_state: false,
    auto_transition_deliver_notifications_at_start: false,
    auto_transition_deliver_notifications_at_end: false,
    ...fields,
  };
}

export function buildFixture() {
  const page = {
    id: PAGE_ID,
    created_at: day(800),
    updated_at: day(2),
    name: "Acme Cloud",
    page_description: "Status of Acme's services",
    headline: null,
    branding: "premium",
    subdomain: "acme",
    domain: "status.acme.test",
    url: "https://www.acme.test",
    support_url: "https://help.acme.test",
    hidden_from_search: false,
    allow_page_subscribers: true,
    time_zone: "Europe/Berlin",
    twitter_username: "acmestatus",
    notifications_from_email: "status@acme.test",
    notifications_email_footer: "You get this because you subscribed.",
  };
  const groups = [
    {
      id: "grpcore00001",
      page_id: PAGE_ID,
      name: "Core",
      description: "Core platform",
      components: ["cmpapi000001", "cmpweb000001"],
      position: 1,
      created_at: day(400),
      updated_at: day(3),
    },
  ];
  const api = component("cmpapi000001", "API", 1, "grpcore00001");
  const web = component("cmpweb000001", "Website", 2, "grpcore00001", {
    only_show_if_degraded: false,
    showcase: false,
  });
  const cdn = component("cmpcdn000001", "CDN", 3, null, { start_date: "2025-06-01", status: "degraded_performance" });
  const groupAsComponent = {
    ...component("grpcore00001", "Core", 1, null),
    group: true,
    components: ["cmpapi000001", "cmpweb000001"],
  };

  const incidents = [];
  for (let i = 0; i < 125; i++) {
    const id = `inc${String(i).padStart(9, "0")}`;
    const start = (i + 20) * DAY + 3_600_000;
    incidents.push(
      incident(id, `Elevated errors #${i}`, {}, [
        update(`upd${String(i).padStart(9, "0")}a`, id, "investigating", `Looking into errors #${i}.`, at(start)),
        update(`upd${String(i).padStart(9, "0")}b`, id, "resolved", `Errors #${i} are fixed.`, at(start - 1_800_000)),
      ]),
    );
  }
  const outageStart = at(10 * DAY);
  const outageEnd = at(10 * DAY - 2 * 3_600_000);
  incidents.push(
    incident(
      "chk0ut0utage",
      "Checkout outage",
      {
        impact: "critical",
        impact_override: "critical",
        status: "postmortem",
        components: [api],
        metadata: { jira: { key: "OPS-42" } },
        postmortem_body: "## What happened\nA bad deploy.",
        postmortem_published_at: day(9),
        postmortem_body_last_updated_at: day(9),
      },
      [
        update("chkupd000001", "chk0ut0utage", "investigating", "Checkout fails for everyone.", outageStart, [
          { code: api.id, name: "API", old_status: "operational", new_status: "major_outage" },
        ]),
        update("chkupd000002", "chk0ut0utage", "identified", "A deploy broke payments.", at(10 * DAY - 3_600_000)),
        update("chkupd000003", "chk0ut0utage", "resolved", "Rolled back; all good.", outageEnd, [
          { code: api.id, name: "API", old_status: "major_outage", new_status: "operational" },
        ]),
      ],
    ),
  );
  incidents.push(
    incident("hostile00001", "Login <b>problems</b>", {}, [
      update("hosupd000001", "hostile00001", "resolved", HOSTILE_BODY, at(5 * DAY)),
    ]),
  );
  const maintenanceStart = new Date(Date.now() + 3 * DAY).toISOString();
  const scheduled = incident(
    "mnt000000001",
    "Database upgrade",
    {
      impact: "maintenance",
      status: "scheduled",
      scheduled_for: maintenanceStart,
      scheduled_until: new Date(Date.now() + 3 * DAY + 7_200_000).toISOString(),
      scheduled_remind_prior: true,
      scheduled_auto_in_progress: true,
      scheduled_auto_completed: true,
      auto_transition_to_maintenance_state: true,
      auto_transition_to_operational_state: true,
      components: [web],
    },
    [update("mntupd000001", "mnt000000001", "scheduled", "We will upgrade the database.", at(DAY))],
  );
  const templates = [
    {
      id: "tpl000000001",
      name: "Investigating",
      title: "We are investigating",
      body: "We are looking into reports of {{issue}}.",
      group_id: null,
      update_status: "investigating",
      should_tweet: false,
      should_send_notifications: true,
      components: [],
    },
  ];
  const subscribers = {
    active: [
      {
        id: "sub000000001",
        mode: "email",
        email: "ana@customer.test",
        endpoint: null,
        components: null,
        created_at: day(300),
        quarantined_at: null,
      },
      {
        id: "sub000000002",
        mode: "email",
        email: "bo@customer.test",
        endpoint: null,
        components: [api.id],
        created_at: day(200),
        quarantined_at: null,
      },
      {
        id: "sub000000003",
        mode: "webhook",
        email: "ops@customer.test",
        endpoint: "http://127.0.0.1:9/statuspage-hook",
        components: null,
        created_at: day(100),
        quarantined_at: null,
      },
      {
        id: "sub000000004",
        mode: "sms",
        email: null,
        endpoint: null,
        phone_number: "5555550100",
        components: null,
        created_at: day(100),
        quarantined_at: null,
      },
      // Statuspage answers a whole-page subscriber with an empty list, or (older pages) without the field.
      {
        id: "sub000000006",
        mode: "email",
        email: "dee@customer.test",
        endpoint: null,
        components: [],
        created_at: day(90),
        quarantined_at: null,
      },
      {
        id: "sub000000007",
        mode: "email",
        email: "eve@customer.test",
        endpoint: null,
        created_at: day(80),
        quarantined_at: null,
      },
      {
        id: "sub000000008",
        mode: "email",
        email: "fay@customer.test",
        endpoint: null,
        components: ["gone00000001"],
        created_at: day(70),
        quarantined_at: null,
      },
      {
        id: "sub000000009",
        mode: "email",
        email: "gus@customer.test",
        endpoint: null,
        components: [web.id, "gone00000002"],
        created_at: day(60),
        quarantined_at: null,
      },
    ],
    unconfirmed: [
      {
        id: "sub000000005",
        mode: "email",
        email: "cy@customer.test",
        endpoint: null,
        components: [],
        created_at: day(2),
        quarantined_at: null,
      },
    ],
    quarantined: [] as unknown[],
  };
  // As GET /pages/{page_id}/metrics_providers and …/metrics_providers/{id}/metrics answer (MetricsProvider, Metric).
  const provider = (id: string, type: string) => ({
    id,
    type,
    disabled: false,
    metric_base_uri: type === "Self" ? null : "https://api.datadoghq.com",
    last_revalidated_at: day(30),
    created_at: day(300),
    updated_at: day(30),
    page_id: PAGE_ID,
  });
  const metric = (id: string, providerId: string, name: string, extra: Record<string, unknown> = {}) => ({
    id,
    metrics_provider_id: providerId,
    metric_identifier: "",
    name,
    display: true,
    tooltip_description: null,
    backfilled: false,
    y_axis_min: null,
    y_axis_max: null,
    y_axis_hidden: false,
    suffix: "",
    decimal_places: 0,
    most_recent_data_at: day(0),
    created_at: day(300),
    updated_at: day(30),
    last_fetched_at: null,
    backfill_percentage: 100,
    reference_name: name,
    ...extra,
  });
  const metricsProviders = [provider("mpself000001", "Self"), provider("mpdatadog001", "Datadog")];
  const metrics = [
    metric("mtrapilat001", "mpself000001", "API response time", {
      suffix: "ms",
      y_axis_min: 0,
      y_axis_max: 2_000,
      decimal_places: 1,
      tooltip_description: "Median time to answer an API request",
    }),
    metric("mtrerrors001", "mpself000001", "Error rate", { suffix: "%", display: false, decimal_places: 2 }),
    metric("mtrdatadog01", "mpdatadog001", "Datadog queue depth", { metric_identifier: "queue.depth" }),
  ];
  return {
    page,
    groups,
    components: [groupAsComponent, api, web, cdn],
    incidents: [...incidents, scheduled],
    templates,
    subscribers,
    metricsProviders,
    metrics,
  };
}
