-- Provider key management: one row per key version of an integration's credential field.
create table provider_keys (
    tenant_id            uuid not null,
    id                   uuid not null,
    integration_id       uuid not null,
    field                text not null check (char_length(field) between 1 and 100),
    environment          text not null check (environment in ('production', 'staging', 'development')),
    permissions          text[] not null default '{}',
    rotation_schedule    text not null check (rotation_schedule in ('monthly', 'quarterly', 'never')),
    expires_at           timestamptz,
    provider_key_id      text check (char_length(provider_key_id) <= 200),
    state                text not null check (state in ('active', 'retiring', 'revoked')),
    hint                 text not null,
    sealed_value         bytea,
    test_outcome         text not null check (test_outcome in ('passed', 'untested')),
    test_detail          text,
    activated_at         timestamptz not null,
    revoke_after         timestamptz,
    revocation           text check (revocation in ('provider', 'manual_required')),
    revocation_attempts  integer not null default 0,
    revocation_error     text,
    revoked_at           timestamptz,
    erased_at            timestamptz,
    created_at           timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create unique index provider_keys_one_active on provider_keys (tenant_id, integration_id, field) where state = 'active';
create index provider_keys_retiring on provider_keys (revoke_after) where state = 'retiring';

alter table provider_keys enable row level security;
create policy tenant_isolation on provider_keys
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, insert, update on provider_keys to ${app_role};

-- The retirement job runs for every tenant. This function (running as the owner) tells it which
-- keys are due, and nothing else; the job then works on each key inside that key's tenant scope.
create function due_provider_key_retirements(due_before timestamptz, max_rows integer)
    returns table (tenant_id uuid, id uuid)
    language sql stable security definer set search_path = public
    as $$
        select k.tenant_id, k.id from provider_keys k
        where k.state = 'retiring' and k.revoke_after <= due_before
        order by k.revoke_after limit max_rows
    $$;
revoke all on function due_provider_key_retirements(timestamptz, integer) from public;
grant execute on function due_provider_key_retirements(timestamptz, integer) to ${app_role};
