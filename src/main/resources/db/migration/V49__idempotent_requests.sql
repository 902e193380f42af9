-- Creates that carry an Idempotency-Key (webhook endpoints, integrations, API keys, support requests):
-- the first request claims the key (status null while it runs), then stores its answer sealed with the
-- keyring, since an answer may hold a secret shown only once (an API key, a signing secret). A repeat with
-- the same body gets that answer again; with another body, 422. Keys are kept for a day (retention).
create table idempotent_requests (
    tenant_id        uuid not null references tenants (id) on delete cascade,
    id               uuid not null,
    operation        text not null check (char_length(operation) between 1 and 100),
    idempotency_key  text not null check (char_length(idempotency_key) between 1 and 255),
    request_hash     text not null,
    status           integer,
    location         text,
    response         bytea,
    created_at       timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, operation, idempotency_key)
);

alter table idempotent_requests enable row level security;
create policy tenant_isolation on idempotent_requests
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, insert, update, delete on idempotent_requests to ${app_role};

insert into retention_tables (table_name, timestamp_column) values ('idempotent_requests', 'created_at');
