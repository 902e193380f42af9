-- The integration registry. Secrets live apart, sealed by the keyring, one row per field.
create table integrations (
    tenant_id          uuid not null references tenants (id) on delete cascade,
    id                 uuid not null,
    name               text not null check (char_length(name) between 1 and 200),
    category           text not null check (category in ('email_service', 'payment_processor', 'analytics', 'crm',
                           'marketing_automation', 'social_media', 'storage', 'communication')),
    provider           text not null check (char_length(provider) between 1 and 50),
    status             text not null check (status in ('active', 'inactive', 'error', 'maintenance', 'deprecated')),
    status_reason      text check (char_length(status_reason) <= 1000),
    status_changed_at  timestamptz not null,
    authentication     text not null check (authentication in ('api_key', 'oauth2', 'basic_auth', 'bearer_token', 'none')),
    configuration      jsonb not null default '{}'::jsonb,
    endpoints          jsonb not null default '[]'::jsonb,
    webhooks           jsonb not null default '[]'::jsonb,
    rate_limits        jsonb not null,
    error_handling     jsonb not null,
    monitoring         jsonb not null,
    version            bigint not null default 1,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, name)
);
create index integrations_provider on integrations (tenant_id, provider);

create table integration_secrets (
    tenant_id       uuid not null,
    integration_id  uuid not null,
    field           text not null,
    sealed          bytea not null,
    hint            text not null,
    updated_at      timestamptz not null,
    primary key (tenant_id, integration_id, field),
    foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);

alter table integrations enable row level security;
create policy tenant_isolation on integrations
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table integration_secrets enable row level security;
create policy tenant_isolation on integration_secrets
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());

grant select, insert, update, delete on integrations, integration_secrets to ${app_role};
