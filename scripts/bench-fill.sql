-- A large history for the benchmark: 100 components in 10 groups, 10,000 resolved incidents over three
-- years with 5 updates each, 20 maintenances and 5 active incidents. Parameter :large (true/false).
insert into page_settings (id, name, url, updated_at) values ('benchpage000', 'Bench Co', 'http://localhost', now());

insert into component_groups (id, name, position, updated_at)
select 'g' || lpad(g::text, 11, '0'), 'Group ' || g, g, now() from generate_series(1, 10) g;

insert into components (id, name, description, status, position, group_id, start_date, created_at, updated_at)
select 'c' || lpad(c::text, 11, '0'), 'Component ' || c, 'What component ' || c || ' does', 'operational', c,
       'g' || lpad((((c - 1) / 10) + 1)::text, 11, '0'), (now() - interval '4 years')::date, now() - interval '4 years', now()
from generate_series(1, 100) c;

insert into component_status_changes (id, component_id, from_status, to_status, changed_at)
select 'h0-' || c, 'c' || lpad(c::text, 11, '0'), null, 'operational', now() - interval '4 years' from generate_series(1, 100) c;
