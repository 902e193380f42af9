-- Tenancy: tenants, users, memberships, preferences, staff, sessions.
-- Runs as the owner role. The application role (${app_role}) owns nothing and has no BYPASSRLS,
-- so every policy below binds it. Tenant-owned tables have tenant_id first in their primary key
-- (the NileDB convention) and a policy on current_setting('nile.tenant_id', true).

-- The scope set per transaction by the hub. An unset or reset setting reads as '' or NULL: both
-- mean "no tenant", which matches no row.
create function hub_current_tenant() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('nile.tenant_id', true), '')::uuid $$;

create function hub_current_user() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('hub.user_id', true), '')::uuid $$;

create table users (
    id               uuid primary key,
    email            text not null check (char_length(email) between 3 and 254),
    password_hash    text not null,
    name             text not null check (char_length(name) between 1 and 200),
    email_verified   boolean not null default false,
    onboarding_step  text not null default 'verify'
                     check (onboarding_step in ('verify', 'create_tenant', 'complete')),
    data             jsonb not null default '{}'::jsonb,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create unique index users_email_key on users (lower(email));

create table tenants (
    id          uuid primary key,
    name        text not null check (char_length(name) between 1 and 200),
    domain      text check (char_length(domain) <= 253),
    settings    jsonb not null default '{}'::jsonb,
    status      text not null default 'active' check (status in ('active', 'suspended', 'deleted')),
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table tenant_users (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    user_id     uuid not null references users (id) on delete cascade,
    roles       text[] not null
                check (cardinality(roles) >= 1 and roles <@ array['owner', 'admin', 'member', 'viewer']),
    email       text not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (tenant_id, user_id)
);
create index tenant_users_user on tenant_users (user_id);

create table user_preferences (
    tenant_id            uuid not null references tenants (id) on delete cascade,
    user_id              uuid not null references users (id) on delete cascade,
    theme                text not null check (theme in ('light', 'dark', 'system')),
    language             text not null check (char_length(language) between 2 and 35),
    timezone             text not null check (char_length(timezone) between 1 and 64),
    email_notifications  boolean not null,
    push_notifications   boolean not null,
    weekly_reports       boolean not null,
    marketing_emails     boolean not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    primary key (tenant_id, user_id)
);

create table staff_members (
    user_id     uuid primary key references users (id) on delete cascade,
    is_staff    boolean not null default true,
    role        text not null default 'agent' check (role in ('agent', 'admin', 'engineer')),
    created_at  timestamptz not null default now()
);

-- Every time PenguinMails staff open a tenant they do not belong to. The audit log takes these
-- records over in a later migration.
create table staff_access_log (
    tenant_id       uuid not null references tenants (id) on delete cascade,
    id              uuid not null,
    staff_user_id   uuid not null references users (id),
    method          text not null,
    path            text not null,
    client_address  text,
    accessed_at     timestamptz not null,
    primary key (tenant_id, id)
);

create table sessions (
    token_hash      bytea primary key,
    user_id         uuid not null references users (id) on delete cascade,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    last_seen_at    timestamptz not null,
    revoked_at      timestamptz,
    client_address  text,
    user_agent      text
);
create index sessions_user on sessions (user_id) where revoked_at is null;

create table email_verifications (
    token_hash  bytea primary key,
    user_id     uuid not null references users (id) on delete cascade,
    email       text not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);

-- Emails the hub itself sends (verification, notifications); delivered by the email module.
create table system_emails (
    id           uuid primary key,
    kind         text not null,
    to_address   text not null,
    subject      text not null,
    body_text    text not null,
    created_at   timestamptz not null,
    sent_at      timestamptz,
    attempts     integer not null default 0,
    last_error   text
);
create index system_emails_pending on system_emails (created_at) where sent_at is null;

-- Row-level security. A tenant's rows are visible when its id is the transaction's tenant; a
-- user's own memberships and preferences (and the tenants they belong to) are also readable with
-- hub.user_id set, so "my tenants" works without a tenant in scope.
alter table tenants enable row level security;
create policy tenant_isolation on tenants
    using (id = hub_current_tenant()) with check (id = hub_current_tenant());
create policy member_reads_own_tenants on tenants for select
    using (exists (select 1 from tenant_users tu where tu.tenant_id = tenants.id and tu.user_id = hub_current_user()));

alter table tenant_users enable row level security;
create policy tenant_isolation on tenant_users
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy user_reads_own_memberships on tenant_users for select
    using (user_id = hub_current_user());

alter table user_preferences enable row level security;
create policy tenant_isolation on user_preferences
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy user_reads_own_preferences on user_preferences for select
    using (user_id = hub_current_user());

alter table staff_access_log enable row level security;
create policy tenant_isolation on staff_access_log
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());

grant select, insert, update, delete on users, tenants, tenant_users, user_preferences,
    sessions, email_verifications, system_emails to ${app_role};
grant select, insert on staff_access_log to ${app_role};
grant select on staff_members to ${app_role};
