-- The gateway: classified provider failures, alerts for the tenant's admins, circuit-breaker state
-- changes (all tenant-owned, under RLS), and Bucket4j's shared rate-limit buckets.
create table integration_errors (
    tenant_id            uuid not null,
    id                   uuid not null,                -- the incident id handed to callers
    integration_id       uuid,                         -- null: the platform's own account
    provider             text not null check (char_length(provider) between 1 and 50),
    operation            text not null check (char_length(operation) between 1 and 200),
    type                 text not null check (type in ('authentication_error', 'authorization_error', 'rate_limit_error',
                             'network_error', 'api_error', 'data_error', 'configuration_error', 'quota_error')),
    message              text not null check (char_length(message) <= 1000),
    retryable            boolean not null,
    retry_after_ms       bigint,
    http_status          integer,
    attempts             integer not null check (attempts >= 1),
    provider_request_id  text check (char_length(provider_request_id) <= 200),
    occurred_at          timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id) references tenants (id) on delete cascade,
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index integration_errors_recent on integration_errors (tenant_id, integration_id, occurred_at desc);

create table integration_alerts (
    tenant_id       uuid not null,
    id              uuid not null,
    integration_id  uuid,
    error_id        uuid not null,
    kind            text not null check (kind in ('api_error')),
    message         text not null,
    created_at      timestamptz not null,
    acknowledged_at timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, error_id) references integration_errors (tenant_id, id) on delete cascade
);
create index integration_alerts_open on integration_alerts (tenant_id, created_at desc) where acknowledged_at is null;

create table gateway_circuit_transitions (
    tenant_id       uuid not null,
    id              uuid not null,
    integration_id  uuid not null,
    provider        text not null,
    from_state      text not null check (from_state in ('closed', 'open', 'half_open', 'disabled', 'forced_open', 'metrics_only')),
    to_state        text not null check (to_state in ('closed', 'open', 'half_open', 'disabled', 'forced_open', 'metrics_only')),
    at              timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index gateway_circuit_transitions_recent on gateway_circuit_transitions (tenant_id, integration_id, at desc);

alter table integration_errors enable row level security;
create policy tenant_isolation on integration_errors
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table integration_alerts enable row level security;
create policy tenant_isolation on integration_alerts
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table gateway_circuit_transitions enable row level security;
create policy tenant_isolation on gateway_circuit_transitions
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());

grant select, insert, update, delete on integration_errors, integration_alerts, gateway_circuit_transitions to ${app_role};

-- Bucket4j's PostgreSQL backend (hub.gateway.shared-rate-limits=true): one row per integration's
-- bucket, keyed "<tenant>:<integration>|<limits>"; not tenant data, so not under RLS.
create table gateway_rate_limit_buckets (
    id          text primary key,
    state       bytea,
    expires_at  bigint
);
grant select, insert, update, delete on gateway_rate_limit_buckets to ${app_role};
