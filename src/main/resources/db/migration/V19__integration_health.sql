-- Monitoring (issue 10): health checks scheduled across nodes, health records kept as history,
-- per-minute traffic counts from the gateway for trends, and one alert store for the whole hub.

-- 1. One alert store: the gateway's and oauth's former integration_alerts move into alerts.
alter table alerts drop constraint alerts_type_check;
alter table alerts add constraint alerts_type_check
    check (type in ('error_rate', 'response_time', 'connectivity', 'quota_exceeded', 'credential', 'api_error'));

-- still-open rows become one open alert per integration and type (counting their occurrences) ...
insert into alerts (tenant_id, id, integration_id, type, severity, status, message, occurrences, raised_at, last_seen_at)
select a.tenant_id, gen_random_uuid(), a.integration_id, a.type, a.severity, 'open',
       left((array_agg(a.message order by a.created_at desc))[1], 2000), count(*)::integer, min(a.created_at),
       max(a.created_at)
from (select tenant_id, integration_id, message, created_at,
             case kind when 'oauth_connection_expired' then 'credential' else 'api_error' end as type,
             case kind when 'oauth_connection_expired' then 'high' else 'medium' end as severity
      from integration_alerts where acknowledged_at is null) a
group by a.tenant_id, a.integration_id, a.type, a.severity
on conflict do nothing;
-- ... and acknowledged ones are kept as resolved alerts
insert into alerts (tenant_id, id, integration_id, type, severity, status, message, raised_at, last_seen_at,
                    resolved_at, resolved_by)
select tenant_id, id, integration_id,
       case kind when 'oauth_connection_expired' then 'credential' else 'api_error' end,
       case kind when 'oauth_connection_expired' then 'high' else 'medium' end,
       'resolved', left(message, 2000), created_at, created_at, acknowledged_at, 'acknowledged'
from integration_alerts where acknowledged_at is not null;

drop table integration_alerts;

create index alerts_recent on alerts (tenant_id, last_seen_at desc);

-- 2. When each integration is next checked. A node claims due rows (FOR UPDATE SKIP LOCKED) and
-- moves next_check_at one interval ahead in the same statement, so each check runs once per interval
-- across all hub nodes.
create table health_check_schedule (
    tenant_id        uuid not null,
    integration_id   uuid not null,
    next_check_at    timestamptz not null,
    last_claimed_at  timestamptz,
    primary key (tenant_id, integration_id),
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index health_check_schedule_due on health_check_schedule (next_check_at);

-- 3. Health records (the guide's IntegrationHealth), one per check, kept as history for trends.
create table integration_health (
    tenant_id             uuid not null,
    id                    uuid not null,
    integration_id        uuid not null,
    checked_at            timestamptz not null,
    status                text not null check (status in ('healthy', 'degraded', 'unhealthy', 'unknown')),
    score                 integer check (score between 0 and 100),
    probe                 text not null check (probe in ('up', 'down', 'skipped', 'none')),
    probe_response_ms     integer,
    probe_detail          text check (char_length(probe_detail) <= 1000),
    window_seconds        integer not null,
    requests_total        bigint not null,
    requests_successful   bigint not null,
    requests_failed       bigint not null,
    average_response_ms   double precision,
    error_rate            double precision not null,
    uptime_percentage     double precision not null,
    reasons               text[] not null default '{}',
    primary key (tenant_id, id),
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index integration_health_recent on integration_health (tenant_id, integration_id, checked_at desc);
create index integration_health_age on integration_health (checked_at);

-- 4. What the gateway saw of each integration's calls, per minute (every node adds its own counts).
create table integration_traffic (
    tenant_id        uuid not null,
    integration_id   uuid not null,
    minute           timestamptz not null,
    requests         bigint not null default 0,
    failures         bigint not null default 0,
    quota_failures   bigint not null default 0,
    total_ms         bigint not null default 0,
    max_ms           integer not null default 0,
    primary key (tenant_id, integration_id, minute),
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index integration_traffic_age on integration_traffic (minute);

alter table health_check_schedule enable row level security;
create policy tenant_isolation on health_check_schedule
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table integration_health enable row level security;
create policy tenant_isolation on integration_health
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table integration_traffic enable row level security;
create policy tenant_isolation on integration_traffic
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, insert, update, delete on health_check_schedule, integration_health, integration_traffic to ${app_role};

-- The scheduler sees every tenant's due checks: schedule the integrations that are watched (active or
-- in error, monitoring enabled) and claim the due ones, moving each one interval ahead.
create function claim_health_checks(p_now timestamptz, p_max integer)
    returns table (claimed_tenant uuid, claimed_integration uuid)
    language plpgsql volatile security definer set search_path = public
    as $$
    begin
        insert into health_check_schedule (tenant_id, integration_id, next_check_at)
        select i.tenant_id, i.id, p_now from integrations i
        where i.status in ('active', 'error') and coalesce((i.monitoring ->> 'enabled')::boolean, true)
          and not exists (select 1 from health_check_schedule s where s.tenant_id = i.tenant_id and s.integration_id = i.id)
        on conflict do nothing;
        return query
        with due as (
            select s.tenant_id, s.integration_id,
                   greatest(10, coalesce((i.monitoring ->> 'healthCheckIntervalSeconds')::integer, 300)) as secs
            from health_check_schedule s
            join integrations i on i.tenant_id = s.tenant_id and i.id = s.integration_id
            where s.next_check_at <= p_now
              and i.status in ('active', 'error') and coalesce((i.monitoring ->> 'enabled')::boolean, true)
            order by s.next_check_at
            limit p_max
            for update of s skip locked)
        update health_check_schedule s set next_check_at = p_now + make_interval(secs => due.secs),
                                           last_claimed_at = p_now
        from due where s.tenant_id = due.tenant_id and s.integration_id = due.integration_id
        returning s.tenant_id, s.integration_id;
    end $$;
revoke all on function claim_health_checks(timestamptz, integer) from public;
grant execute on function claim_health_checks(timestamptz, integer) to ${app_role};

-- Retention of the history, across tenants.
create function purge_monitoring_history(p_before timestamptz) returns bigint
    language plpgsql volatile security definer set search_path = public
    as $$
    declare health bigint; traffic bigint;
    begin
        delete from integration_health where checked_at < p_before;
        get diagnostics health = row_count;
        delete from integration_traffic where minute < p_before;
        get diagnostics traffic = row_count;
        return health + traffic;
    end $$;
revoke all on function purge_monitoring_history(timestamptz) from public;
grant execute on function purge_monitoring_history(timestamptz) to ${app_role};
