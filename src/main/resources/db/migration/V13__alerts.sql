-- Integration alerts (the guide's IntegrationAlert): one open alert per integration and type; a
-- repeat raises its occurrence count instead of a second alert.
create table alerts (
    tenant_id       uuid not null references tenants (id) on delete cascade,
    id              uuid not null,
    integration_id  uuid,
    type            text not null check (type in ('error_rate', 'response_time', 'connectivity', 'quota_exceeded',
                                                  'credential')),
    severity        text not null check (severity in ('low', 'medium', 'high', 'critical')),
    status          text not null check (status in ('open', 'resolved')),
    message         text not null check (char_length(message) <= 2000),
    occurrences     integer not null default 1,
    raised_at       timestamptz not null,
    last_seen_at    timestamptz not null,
    resolved_at     timestamptz,
    resolved_by     text,
    primary key (tenant_id, id)
);
create unique index alerts_one_open on alerts (tenant_id, coalesce(integration_id, '00000000-0000-0000-0000-000000000000'), type)
    where status = 'open';

alter table alerts enable row level security;
create policy tenant_isolation on alerts
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, insert, update on alerts to ${app_role};
