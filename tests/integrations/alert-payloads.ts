// Example payloads as the Alertmanager and Grafana documentation print them, with the labels each test needs.

/** prometheus.io/docs/alerting/latest/configuration/#webhook_config (version 4). */
export function alertmanagerPayload(
  alerts: { status: "firing" | "resolved"; labels: Record<string, string>; fingerprint?: string; summary?: string }[],
) {
  const firing = alerts.some((a) => a.status === "firing");
  return {
    receiver: "statuspage",
    status: firing ? "firing" : "resolved",
    alerts: alerts.map((a) => ({
      status: a.status,
      labels: {
        alertname: "ProbeFailure",
        instance: "https://server.example.org",
        job: "http_checks",
        monitor: "master",
        ...a.labels,
      },
      annotations: {
        description: "Instance https://server.example.org has been down for over 5m. Job: http_checks",
        summary: a.summary ?? "BlackBox Probe Failure: https://server.example.org",
      },
      startsAt: "2023-02-06T13:08:45.828Z",
      endsAt: a.status === "resolved" ? "2023-02-06T13:28:45.828Z" : "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1",
      ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}),
    })),
    groupLabels: { alertname: "ProbeFailure" },
    commonLabels: { alertname: "ProbeFailure", job: "http_checks" },
    commonAnnotations: {},
    externalURL: "http://prometheus.example.org:9093",
    version: "4",
    groupKey: '{}/{severity="critical"}:{alertname="ProbeFailure"}',
    truncatedAlerts: 0,
  };
}

/** grafana.com/docs/grafana/latest/alerting/…/webhook-notifier: the documented two-alert example. */
export function grafanaPayload(status: "firing" | "resolved", team: string) {
  return {
    receiver: "My Super Webhook",
    status,
    orgId: 1,
    alerts: [
      {
        status,
        labels: { alertname: "High memory usage", team, zone: "us-1" },
        annotations: {
          description: "The system has high memory usage",
          runbook_url: "https://myrunbook.com/runbook/1234",
          summary: "This alert was triggered for zone us-1",
        },
        startsAt: "2021-10-12T09:51:03.157076+02:00",
        endsAt: status === "resolved" ? "2021-10-12T10:01:03.157076+02:00" : "0001-01-01T00:00:00Z",
        generatorURL: "https://play.grafana.org/alerting/1afz29v7z/edit",
        fingerprint: `c6eadffa33fcdf37-${team}`,
        silenceURL:
          "https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT2%2Cteam%3Dblue%2Czone%3Dus-1",
        dashboardURL: "",
        panelURL: "",
        values: { B: 44.23943737541908, C: 1 },
      },
      {
        status,
        labels: { alertname: "High CPU usage", team, zone: "eu-1" },
        annotations: {
          description: "The system has high CPU usage",
          runbook_url: "https://myrunbook.com/runbook/1234",
          summary: "This alert was triggered for zone eu-1",
        },
        startsAt: "2021-10-12T09:56:03.157076+02:00",
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "https://play.grafana.org/alerting/d1rdpdv7k/edit",
        fingerprint: `bc97ff14869b13e3-${team}`,
        silenceURL:
          "https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT1%2Cteam%3Dblue%2Czone%3Deu-1",
        dashboardURL: "",
        panelURL: "",
        values: { B: 44.23943737541908, C: 1 },
      },
    ],
    groupLabels: {},
    commonLabels: { team },
    commonAnnotations: {},
    externalURL: "https://play.grafana.org/",
    version: "1",
    groupKey: "{}:{}",
    truncatedAlerts: 0,
    title: "[FIRING:2]  (blue)",
    state: "alerting",
    message: "**Firing**\n\nLabels:\n - alertname = T2\n - team = blue\n - zone = us-1",
  };
}
