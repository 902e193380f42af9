-- Outgoing email: one row per message (the outbox the sending workers drain), its recipients
-- with their delivery status, the normalised provider events, the suppression list, campaign
-- metrics and each tenant's ESP choice.
create table email_settings (
    tenant_id                  uuid primary key references tenants (id) on delete cascade,
    default_integration_id     uuid,
    failover_integration_id    uuid,
    updated_at                 timestamptz not null
);

create table email_messages (
    tenant_id                  uuid not null references tenants (id) on delete cascade,
    id                         uuid not null,
    idempotency_key            text check (char_length(idempotency_key) <= 255),
    request_hash               text,
    requested_integration_id   uuid,
    integration_id             uuid,
    provider                   text,
    provider_message_id        text,
    failover_used              boolean not null default false,
    from_address               text not null,
    reply_to                   text,
    subject                    text,
    html                       text,
    text_body                  text,
    template_id                text,
    template_data              jsonb,
    variables                  jsonb not null default '{}'::jsonb,
    campaign_id                text,
    recipient_id               text,
    tags                       text[] not null default '{}',
    headers                    jsonb not null default '{}'::jsonb,
    status                     text not null default 'queued'
                               check (status in ('queued', 'sent', 'failed')),
    attempts                   integer not null default 0,
    next_attempt_at            timestamptz not null,
    locked_until               timestamptz,
    last_error                 text,
    created_at                 timestamptz not null,
    sent_at                    timestamptz,
    primary key (tenant_id, id)
);
create unique index email_messages_idempotency on email_messages (tenant_id, idempotency_key) where idempotency_key is not null;
create index email_messages_due on email_messages (next_attempt_at) where status = 'queued';
create index email_messages_provider_id on email_messages (tenant_id, provider_message_id);
create index email_messages_campaign on email_messages (tenant_id, campaign_id);

create table email_recipients (
    tenant_id        uuid not null,
    message_id       uuid not null,
    address          text not null,
    kind             text not null check (kind in ('to', 'cc', 'bcc')),
    status           text not null default 'queued'
                     check (status in ('queued', 'sent', 'deferred', 'delivered', 'bounced', 'dropped', 'failed')),
    status_at        timestamptz not null,
    opened_at        timestamptz,
    clicked_at       timestamptz,
    complained_at    timestamptz,
    unsubscribed_at  timestamptz,
    primary key (tenant_id, message_id, address),
    foreign key (tenant_id, message_id) references email_messages (tenant_id, id) on delete cascade
);

create table email_events (
    tenant_id          uuid not null,
    id                 uuid not null,
    message_id         uuid not null,
    recipient          text not null,
    type               text not null check (type in ('delivered', 'bounced', 'deferred', 'dropped', 'complained',
                                                    'unsubscribed', 'opened', 'clicked')),
    bounce_kind        text check (bounce_kind in ('hard', 'soft')),
    provider           text not null,
    provider_event_id  text not null,
    occurred_at        timestamptz not null,
    recorded_at        timestamptz not null,
    details            jsonb not null default '{}'::jsonb,
    primary key (tenant_id, id),
    unique (tenant_id, provider, provider_event_id),
    foreign key (tenant_id, message_id) references email_messages (tenant_id, id) on delete cascade
);
create index email_events_message on email_events (tenant_id, message_id, occurred_at);

create table suppressions (
    tenant_id        uuid not null references tenants (id) on delete cascade,
    address          text not null check (address = lower(address) and char_length(address) between 3 and 320),
    reason           text not null check (reason in ('hard_bounce', 'complaint', 'unsubscribe', 'manual')),
    source_event_id  uuid,
    note             text check (char_length(note) <= 500),
    created_at       timestamptz not null,
    primary key (tenant_id, address)
);

create table campaign_metrics (
    tenant_id      uuid not null references tenants (id) on delete cascade,
    campaign_id    text not null,
    sent           bigint not null default 0,
    delivered      bigint not null default 0,
    bounced        bigint not null default 0,
    deferred       bigint not null default 0,
    dropped        bigint not null default 0,
    failed         bigint not null default 0,
    complained     bigint not null default 0,
    unsubscribed   bigint not null default 0,
    opens          bigint not null default 0,
    unique_opens   bigint not null default 0,
    clicks         bigint not null default 0,
    unique_clicks  bigint not null default 0,
    suppressed     bigint not null default 0,
    updated_at     timestamptz not null,
    primary key (tenant_id, campaign_id)
);

do $$
declare t text;
begin
    foreach t in array array['email_settings', 'email_messages', 'email_recipients', 'email_events',
                             'suppressions', 'campaign_metrics'] loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = hub_current_tenant()) '
                       'with check (tenant_id = hub_current_tenant())', t);
    end loop;
end $$;

grant select, insert, update, delete on email_settings, email_messages, email_recipients, email_events,
    suppressions, campaign_metrics to ${app_role};

-- Sending workers serve every tenant: this function (running as the owner) leases due messages
-- and answers their keys only.
create function claim_email_messages(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select m.tenant_id, m.id from email_messages m
            where m.status = 'queued' and m.next_attempt_at <= p_now
              and (m.locked_until is null or m.locked_until <= p_now)
            order by m.next_attempt_at
            limit p_max
            for update skip locked)
        update email_messages m set locked_until = p_now + make_interval(secs => p_lease_seconds)
        from due where m.tenant_id = due.tenant_id and m.id = due.id
        returning m.tenant_id, m.id
    $$;
revoke all on function claim_email_messages(timestamptz, integer, integer) from public;
grant execute on function claim_email_messages(timestamptz, integer, integer) to ${app_role};

-- An event received on a platform provider account names its tenant in the variables the hub
-- attached when sending; this moves it from the platform pseudo-tenant to that tenant (or drops it
-- when that tenant already has the same event).
create function route_platform_inbox_event(p_id uuid, p_tenant uuid) returns boolean
    language plpgsql volatile security definer set search_path = public
    as $$
    declare moved integer;
    begin
        if not exists (select 1 from tenants where id = p_tenant) then
            return false;
        end if;
        update webhook_inbox w set tenant_id = p_tenant, locked_until = null
        where w.tenant_id = '00000000-0000-0000-0000-000000000000' and w.id = p_id
          and not exists (select 1 from webhook_inbox o where o.tenant_id = p_tenant
                          and o.provider = w.provider and o.dedup_key = w.dedup_key);
        get diagnostics moved = row_count;
        if moved = 0 then
            delete from webhook_inbox where tenant_id = '00000000-0000-0000-0000-000000000000' and id = p_id;
        end if;
        return true;
    end $$;
revoke all on function route_platform_inbox_event(uuid, uuid) from public;
grant execute on function route_platform_inbox_event(uuid, uuid) to ${app_role};

-- Mailgun signs only timestamp and token, not the body: a token may serve one event only.
create table mailgun_webhook_tokens (
    token      text primary key,
    dedup_key  text not null,
    seen_at    timestamptz not null
);
grant select, insert on mailgun_webhook_tokens to ${app_role};
insert into retention_tables (table_name, timestamp_column) values ('mailgun_webhook_tokens', 'seen_at');
