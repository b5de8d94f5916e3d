-- What both benchmark databases hold: 100 components in 10 groups, 20 maintenances (15 done, 5 to come) and
-- 5 active incidents. bench-fill-history.sql adds the large history to one of them.
insert into page_settings (id, name, url, updated_at) values ('benchpage000', 'Bench Co', 'http://localhost', now());

insert into component_groups (id, name, position, updated_at)
select 'g' || lpad(g::text, 11, '0'), 'Group ' || g, g, now() from generate_series(1, 10) g;

insert into components (id, name, description, status, position, group_id, start_date, created_at, updated_at)
select 'c' || lpad(c::text, 11, '0'), 'Component ' || c, 'What component ' || c || ' does', 'operational', c,
       'g' || lpad((((c - 1) / 10) + 1)::text, 11, '0'), (now() - interval '4 years')::date, now() - interval '4 years', now()
from generate_series(1, 100) c;

insert into component_status_changes (id, component_id, from_status, to_status, changed_at)
select 'h0-' || c, 'c' || lpad(c::text, 11, '0'), null, 'operational', now() - interval '4 years' from generate_series(1, 100) c;

insert into incidents (id, kind, name, status, impact, created_at, updated_at, started_at, resolved_at, scheduled_for, scheduled_until)
select 'm' || lpad(m::text, 11, '0'), 'maintenance', 'Maintenance window ' || m,
       (case when m <= 15 then 'completed' else 'scheduled' end)::"IncidentStatus", 'maintenance',
       now() - interval '1 day', now() - interval '1 day',
       case when m <= 15 then now() - m * interval '20 days' else now() + (m - 15) * interval '3 days' end,
       case when m <= 15 then now() - m * interval '20 days' + interval '2 hours' end,
       case when m <= 15 then now() - m * interval '20 days' else now() + (m - 15) * interval '3 days' end,
       case when m <= 15 then now() - m * interval '20 days' + interval '2 hours' else now() + (m - 15) * interval '3 days' + interval '2 hours' end
from generate_series(1, 20) m;

insert into incident_updates (id, incident_id, status, body, display_at, created_at, updated_at)
select 'm' || lpad(m::text, 11, '0') || '-1', 'm' || lpad(m::text, 11, '0'), 'scheduled', 'We will upgrade part of the platform during this window.',
       now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'
from generate_series(1, 20) m;


insert into incidents (id, kind, name, status, impact, created_at, updated_at, started_at)
select 'a' || lpad(a::text, 11, '0'), 'incident', 'Active incident ' || a, 'investigating', 'minor',
       now() - a * interval '10 minutes', now(), now() - a * interval '10 minutes'
from generate_series(1, 5) a;

insert into incident_components (incident_id, component_id)
select 'a' || lpad(a::text, 11, '0'), 'c' || lpad((a * 3)::text, 11, '0') from generate_series(1, 5) a;

insert into incident_updates (id, incident_id, status, body, display_at, created_at, updated_at)
select 'a' || lpad(a::text, 11, '0') || '-1', 'a' || lpad(a::text, 11, '0'), 'investigating', 'We are investigating errors in component ' || (a * 3) || '.',
       now() - a * interval '10 minutes', now() - a * interval '10 minutes', now()
from generate_series(1, 5) a;

update components set status = 'degraded_performance' where id in (select 'c' || lpad((a * 3)::text, 11, '0') from generate_series(1, 5) a);
insert into component_status_changes (id, component_id, from_status, to_status, changed_at, incident_id)
select 'ha-' || a, 'c' || lpad((a * 3)::text, 11, '0'), 'operational', 'degraded_performance', now() - a * interval '10 minutes', 'a' || lpad(a::text, 11, '0')
from generate_series(1, 5) a;
analyze;
