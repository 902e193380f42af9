-- Outbound webhooks: tenants' endpoints, the events published to them, one delivery per (event,
-- endpoint) written in the publishing transaction (transactional outbox), and every attempt.

create table webhook_endpoints (
    tenant_id              uuid not null,
    id                     uuid not null,
    url                    text not null check (char_length(url) between 1 and 2000),
    description            text not null default '',
    event_types            jsonb not null,
    headers                jsonb not null default '{}',
    retry_policy           jsonb,
    rate_limit_per_second  integer check (rate_limit_per_second > 0),
    filters                jsonb not null default '[]',
    enabled                boolean not null default true,
    ordered                boolean not null default false,
    secret                 bytea not null,
    previous_secret        bytea,
    previous_secret_until  timestamptz,
    disabled_reason        text,
    disabled_at            timestamptz,
    failing_since          timestamptz,
    last_success_at        timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    primary key (tenant_id, id)
);
create index webhook_endpoints_listing on webhook_endpoints (tenant_id, created_at, id);

-- The body is kept as the exact text sent, so every retry carries the same bytes and signature input.
create table webhook_events (
    tenant_id   uuid not null,
    id          uuid not null,
    event_type  text not null check (char_length(event_type) between 1 and 200),
    payload     text not null,
    created_at  timestamptz not null,
    primary key (tenant_id, id)
);

create table webhook_deliveries (
    tenant_id        uuid not null,
    id               uuid not null,
    seq              bigint generated always as identity,
    endpoint_id      uuid not null,
    event_id         uuid not null,
    event_type       text not null,
    state            text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null,
    locked_until     timestamptz,
    last_status      integer,
    last_error       text,
    created_at       timestamptz not null,
    finished_at      timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade,
    foreign key (tenant_id, event_id) references webhook_events (tenant_id, id) on delete cascade
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state = 'pending';
create index webhook_deliveries_endpoint on webhook_deliveries (tenant_id, endpoint_id, seq) where state = 'pending';
create index webhook_deliveries_listing on webhook_deliveries (tenant_id, endpoint_id, created_at desc, id desc);

create table webhook_attempts (
    tenant_id      uuid not null,
    id             uuid not null,
    delivery_id    uuid not null,
    attempted_at   timestamptz not null,
    status         integer,
    latency_ms     bigint not null,
    response_body  text,
    error          text,
    primary key (tenant_id, id),
    foreign key (tenant_id, delivery_id) references webhook_deliveries (tenant_id, id) on delete cascade
);
create index webhook_attempts_delivery on webhook_attempts (tenant_id, delivery_id, attempted_at);

alter table webhook_endpoints enable row level security;
create policy tenant_isolation on webhook_endpoints
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table webhook_events enable row level security;
create policy tenant_isolation on webhook_events
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table webhook_deliveries enable row level security;
create policy tenant_isolation on webhook_deliveries
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table webhook_attempts enable row level security;
create policy tenant_isolation on webhook_attempts
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());

grant select, insert, update, delete on webhook_endpoints to ${app_role};
grant select, insert on webhook_events to ${app_role};
grant select, insert, update on webhook_deliveries to ${app_role};
grant select, insert on webhook_attempts to ${app_role};

-- Delivery workers serve every tenant: this function (running as the owner) leases due deliveries of
-- enabled endpoints and answers their keys only. It never leases more than p_per_endpoint deliveries
-- of one endpoint at a time (counting leases already held by any node), so one slow endpoint cannot
-- take every worker; an ordered endpoint gets only its oldest pending delivery, and only when none
-- of its deliveries is leased.
create function claim_webhook_deliveries(p_now timestamptz, p_lease_seconds integer, p_max integer,
                                         p_per_endpoint integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with busy as (
            select e.tenant_id, e.id, e.ordered,
                   (select count(*) from webhook_deliveries l
                    where l.tenant_id = e.tenant_id and l.endpoint_id = e.id and l.state = 'pending'
                      and l.locked_until > p_now) as leased
            from webhook_endpoints e
            where e.enabled and exists (
                select 1 from webhook_deliveries d
                where d.tenant_id = e.tenant_id and d.endpoint_id = e.id and d.state = 'pending'
                  and d.next_attempt_at <= p_now and (d.locked_until is null or d.locked_until <= p_now))),
        wanted as (
            select c.tenant_id, c.id from busy b
            cross join lateral (
                select d.tenant_id, d.id, d.next_attempt_at from webhook_deliveries d
                where d.tenant_id = b.tenant_id and d.endpoint_id = b.id and d.state = 'pending'
                  and d.next_attempt_at <= p_now and (d.locked_until is null or d.locked_until <= p_now)
                  and (not b.ordered or not exists (
                      select 1 from webhook_deliveries p
                      where p.tenant_id = d.tenant_id and p.endpoint_id = d.endpoint_id and p.state = 'pending'
                        and p.seq < d.seq))
                order by d.seq
                limit case when b.ordered then (case when b.leased = 0 then 1 else 0 end)
                           else greatest(p_per_endpoint - b.leased, 0) end) c
            order by c.next_attempt_at
            limit p_max),
        locked as (
            select d.tenant_id, d.id from webhook_deliveries d
            join wanted w on w.tenant_id = d.tenant_id and w.id = d.id
            where d.state = 'pending' and (d.locked_until is null or d.locked_until <= p_now)
            for update of d skip locked)
        update webhook_deliveries d set locked_until = p_now + make_interval(secs => p_lease_seconds)
        from locked where d.tenant_id = locked.tenant_id and d.id = locked.id
        returning d.tenant_id, d.id
    $$;
revoke all on function claim_webhook_deliveries(timestamptz, integer, integer, integer) from public;
grant execute on function claim_webhook_deliveries(timestamptz, integer, integer, integer) to ${app_role};
