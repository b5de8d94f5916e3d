-- The past, only in the large database: 10,000 resolved incidents over three years with 5 updates each.
create temporary table bench_incidents as
select i,
       'i' || lpad(i::text, 11, '0') as id,
       'c' || lpad((((i * 7) % 100) + 1)::text, 11, '0') as component_id,
       now() - interval '1095 days' + (i * interval '1093 days' / 10000) as t
from generate_series(1, 10000) i;

insert into incidents (id, kind, name, status, impact, created_at, updated_at, started_at, monitoring_at, resolved_at)
select id, 'incident', 'Past incident number ' || i, 'resolved',
       (array['minor', 'major', 'critical', 'none'])[1 + i % 4]::"IncidentImpact",
       t, t + interval '2 hours', t, t + interval '1 hour', t + interval '2 hours'
from bench_incidents;

insert into incident_components (incident_id, component_id) select id, component_id from bench_incidents;

insert into incident_updates (id, incident_id, status, body, display_at, created_at, updated_at, deliver_notifications)
select b.id || '-' || k, b.id,
       (array['investigating', 'identified', 'monitoring', 'monitoring', 'resolved'])[k]::"IncidentStatus",
       'Update ' || k || ' of incident ' || b.i || ': we are working on **it** and will post again soon.',
       b.t + (k - 1) * interval '30 minutes', b.t + (k - 1) * interval '30 minutes', b.t + (k - 1) * interval '30 minutes', true
from bench_incidents b cross join generate_series(1, 5) k;

insert into incident_update_components (id, update_id, component_id, component_name, old_status, new_status)
select b.id || '-u1', b.id || '-1', b.component_id, 'Component', 'operational'::"ComponentStatus", 'partial_outage'::"ComponentStatus" from bench_incidents b
union all
select b.id || '-u3', b.id || '-3', b.component_id, 'Component', 'partial_outage'::"ComponentStatus", 'operational'::"ComponentStatus" from bench_incidents b;

insert into component_status_changes (id, component_id, from_status, to_status, changed_at, incident_id)
select 'h1-' || b.id, b.component_id, 'operational'::"ComponentStatus", 'partial_outage'::"ComponentStatus", b.t, b.id from bench_incidents b
union all
select 'h3-' || b.id, b.component_id, 'partial_outage'::"ComponentStatus", 'operational'::"ComponentStatus", b.t + interval '1 hour', b.id from bench_incidents b;

analyze;
