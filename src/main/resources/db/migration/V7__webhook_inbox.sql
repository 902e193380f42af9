-- Inbound webhook events: stored once (unique per tenant, provider and de-duplication key),
-- acknowledged after commit, processed by workers afterwards. Events of the platform's own provider
-- accounts belong to the platform pseudo-tenant 00000000-0000-0000-0000-000000000000 until a
-- processor routes them.
create table webhook_inbox (
    tenant_id        uuid not null,
    id               uuid not null,
    provider         text not null,
    integration_id   uuid,
    dedup_key        text not null check (char_length(dedup_key) between 1 and 300),
    event_type       text not null check (char_length(event_type) between 1 and 200),
    occurred_at      timestamptz,
    received_at      timestamptz not null,
    user_agent       text,
    client_address   text,
    payload          jsonb not null,
    state            text not null default 'pending' check (state in ('pending', 'done', 'ignored', 'failed')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null,
    locked_until     timestamptz,
    last_error       text,
    processed_at     timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, provider, dedup_key)
);
create index webhook_inbox_due on webhook_inbox (next_attempt_at) where state = 'pending';
create index webhook_inbox_listing on webhook_inbox (tenant_id, received_at desc, id desc);

alter table webhook_inbox enable row level security;
create policy tenant_isolation on webhook_inbox
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, insert, update on webhook_inbox to ${app_role};

insert into retention_tables (table_name, timestamp_column) values ('webhook_inbox', 'received_at');

-- Workers serve every tenant: this function (running as the owner) leases due events and answers
-- their keys only; each event is then processed inside its own tenant's scope.
create function claim_webhook_inbox(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select w.tenant_id, w.id from webhook_inbox w
            where w.state = 'pending' and w.next_attempt_at <= p_now
              and (w.locked_until is null or w.locked_until <= p_now)
            order by w.next_attempt_at
            limit p_max
            for update skip locked)
        update webhook_inbox w set locked_until = p_now + make_interval(secs => p_lease_seconds)
        from due where w.tenant_id = due.tenant_id and w.id = due.id
        returning w.tenant_id, w.id
    $$;
revoke all on function claim_webhook_inbox(timestamptz, integer, integer) from public;
grant execute on function claim_webhook_inbox(timestamptz, integer, integer) to ${app_role};

-- A webhook for a tenant's own provider account names only its integration: this tells which
-- tenant owns it, so the request can then be handled inside that tenant's scope.
create function integration_tenant(p_integration uuid) returns uuid
    language sql stable security definer set search_path = public
    as $$ select i.tenant_id from integrations i where i.id = p_integration $$;
revoke all on function integration_tenant(uuid) from public;
grant execute on function integration_tenant(uuid) to ${app_role};
