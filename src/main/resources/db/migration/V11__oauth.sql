-- OAuth 2.0 connections (issue 9): pending authorisations (state), connected accounts with their
-- sealed tokens, the tenant's imported contact list and its import runs. All tenant-owned, under RLS.

-- One row per started authorisation. Only the SHA-256 of the state travels back to us; the PKCE
-- verifier is sealed by the keyring. A state is spent once (used_at) and expires after 10 minutes.
create table oauth_states (
    tenant_id       uuid not null,
    id              uuid not null,
    state_hash      bytea not null unique,
    browser_hash    bytea not null,                -- SHA-256 of the binding cookie given to the user's browser
    user_id         uuid not null,
    integration_id  uuid not null,
    provider        text not null check (char_length(provider) between 1 and 50),
    code_verifier   bytea not null,                -- sealed
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id) references tenants (id) on delete cascade,
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index oauth_states_expiry on oauth_states (expires_at);
-- spent and expired states are deleted by the retention job (a day after they expire)
insert into retention_tables (table_name, timestamp_column) values ('oauth_states', 'expires_at');

-- A connected account. Tokens are sealed (keyring, field access_token / refresh_token of this row);
-- disconnecting erases them. refresh_lease_until is the cluster-wide "one refresh at a time" lock.
create table oauth_connections (
    tenant_id            uuid not null,
    id                   uuid not null,
    integration_id       uuid not null,
    provider             text not null check (char_length(provider) between 1 and 50),
    account_subject      text not null check (char_length(account_subject) between 1 and 300),
    account_email        text check (char_length(account_email) <= 320),
    scopes               text[] not null default '{}',
    status               text not null check (status in ('active', 'expired', 'disconnected')),
    access_token         bytea,
    refresh_token        bytea,
    access_expires_at    timestamptz,
    token_version        integer not null default 0,
    connected_by         uuid,
    connected_at         timestamptz not null,
    last_refreshed_at    timestamptz not null,
    refresh_failures     integer not null default 0,
    refresh_not_before   timestamptz,
    refresh_lease        uuid,
    refresh_lease_until  timestamptz,
    last_error           text check (char_length(last_error) <= 1000),
    contacts_sync_marker text,
    disconnected_at      timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, integration_id, account_subject),
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index oauth_connections_due on oauth_connections (access_expires_at) where status = 'active';

-- The tenant's contact list, de-duplicated by lower-cased email.
create table contacts (
    tenant_id       uuid not null,
    id              uuid not null,
    email_key       text not null check (email_key = lower(email_key) and char_length(email_key) between 3 and 320),
    email           text not null,
    name            text check (char_length(name) <= 500),
    source_provider text not null,
    connection_id   uuid,
    source_id       text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, email_key)
);
create index contacts_listing on contacts (tenant_id, email_key);

create table contact_imports (
    tenant_id      uuid not null,
    id             uuid not null,
    connection_id  uuid not null,
    state          text not null default 'pending' check (state in ('pending', 'running', 'done', 'failed')),
    mode           text not null check (mode in ('full', 'incremental')),
    pages          integer not null default 0,
    imported       integer not null default 0,
    requested_at   timestamptz not null,
    started_at     timestamptz,
    finished_at    timestamptz,
    locked_until   timestamptz,
    error          text check (char_length(error) <= 1000),
    primary key (tenant_id, id),
    foreign key (tenant_id, connection_id) references oauth_connections (tenant_id, id) on delete cascade
);
create index contact_imports_due on contact_imports (requested_at) where state in ('pending', 'running');

alter table oauth_states enable row level security;
create policy tenant_isolation on oauth_states
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table oauth_connections enable row level security;
create policy tenant_isolation on oauth_connections
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table contacts enable row level security;
create policy tenant_isolation on contacts
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table contact_imports enable row level security;
create policy tenant_isolation on contact_imports
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, insert, update, delete on oauth_states, oauth_connections, contacts, contact_imports to ${app_role};

-- An expired connection raises an alert in the gateway's alert table; it may have no stored incident
-- (a refresh refused by the hub itself, e.g. an open circuit).
alter table integration_alerts alter column error_id drop not null;
alter table integration_alerts drop constraint integration_alerts_kind_check;
alter table integration_alerts add constraint integration_alerts_kind_check
    check (kind in ('api_error', 'oauth_connection_expired'));

-- The callback carries only the state: this spends it (once) and tells which tenant's row it is,
-- so the rest of the callback runs inside that tenant's scope.
create function spend_oauth_state(p_hash bytea, p_now timestamptz)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        update oauth_states s set used_at = p_now
        where s.state_hash = p_hash and s.used_at is null
        returning s.tenant_id, s.id
    $$;
revoke all on function spend_oauth_state(bytea, timestamptz) from public;
grant execute on function spend_oauth_state(bytea, timestamptz) to ${app_role};

-- The refresh job serves every tenant: connections expiring soon or idle too long, not cooling down
-- and not being refreshed by another node. Keys only; each refresh then runs in its tenant's scope.
create function due_oauth_refreshes(p_now timestamptz, p_ahead_seconds integer, p_idle_seconds integer,
                                    p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql stable security definer set search_path = public
    as $$
        select c.tenant_id, c.id from oauth_connections c
        where c.status = 'active' and c.refresh_token is not null
          and (c.refresh_not_before is null or c.refresh_not_before <= p_now)
          and (c.refresh_lease_until is null or c.refresh_lease_until <= p_now)
          and (c.access_expires_at <= p_now + make_interval(secs => p_ahead_seconds)
               or c.last_refreshed_at <= p_now - make_interval(secs => p_idle_seconds))
        order by c.access_expires_at
        limit p_max
    $$;
revoke all on function due_oauth_refreshes(timestamptz, integer, integer, integer) from public;
grant execute on function due_oauth_refreshes(timestamptz, integer, integer, integer) to ${app_role};

-- Contact imports run in the background on any node: lease due runs (FOR UPDATE SKIP LOCKED).
create function claim_contact_imports(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select i.tenant_id, i.id from contact_imports i
            where i.state in ('pending', 'running')
              and (i.locked_until is null or i.locked_until <= p_now)
            order by i.requested_at
            limit p_max
            for update skip locked)
        update contact_imports i set locked_until = p_now + make_interval(secs => p_lease_seconds)
        from due where i.tenant_id = due.tenant_id and i.id = due.id
        returning i.tenant_id, i.id
    $$;
revoke all on function claim_contact_imports(timestamptz, integer, integer) from public;
grant execute on function claim_contact_imports(timestamptz, integer, integer) to ${app_role};
