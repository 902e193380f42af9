-- Security: the append-only audit log, the hub's own tenant API keys, and the retention job's
-- registry. Runs as the owner role; the application role (${app_role}) gets only what it needs.

-- The audit log. Append-only for the application: it may read and insert, never update or delete
-- (no grant), so not even a bug in the hub can rewrite history. Rows go only when their tenant is
-- deleted.
create table audit_log (
    tenant_id       uuid not null references tenants (id) on delete cascade,
    id              uuid not null,
    occurred_at     timestamptz not null,
    actor_type      text not null check (actor_type in ('user', 'api_key', 'system', 'staff')),
    actor_id        uuid,
    action          text not null check (char_length(action) between 1 and 100),
    target_type     text check (char_length(target_type) <= 100),
    target_id       text check (char_length(target_id) <= 200),
    changes         jsonb not null default '{}'::jsonb,
    details         jsonb not null default '{}'::jsonb,
    client_address  text,
    user_agent      text check (char_length(user_agent) <= 512),
    request_id      text check (char_length(request_id) <= 128),
    primary key (tenant_id, id)
);
-- newest first, with the id breaking ties: the order of the query API and its cursor
create index audit_log_recent on audit_log (tenant_id, occurred_at desc, id desc);
create index audit_log_target on audit_log (tenant_id, target_type, target_id);

alter table audit_log enable row level security;
create policy tenant_isolation on audit_log
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, insert on audit_log to ${app_role};

-- The audit log takes over the staff visits V1 recorded in staff_access_log.
insert into audit_log (tenant_id, id, occurred_at, actor_type, actor_id, action, target_type, target_id,
                       details, client_address)
select tenant_id, id, accessed_at, 'staff', staff_user_id, 'staff.accessed_tenant', 'tenant', tenant_id::text,
       jsonb_build_object('method', method, 'path', path), client_address
from staff_access_log;
drop table staff_access_log;

-- Tenant API keys: pm_live_<prefix>_<secret>. Only the SHA-256 of the whole key is stored, with the
-- public prefix for lookup and display. Revoking is an update; keys are never deleted by the app.
create table api_keys (
    tenant_id     uuid not null references tenants (id) on delete cascade,
    id            uuid not null,
    name          text not null check (char_length(name) between 1 and 200),
    prefix        text not null check (prefix ~ '^[a-z0-9]{8}$'),
    key_hash      bytea not null check (octet_length(key_hash) = 32),
    scopes        text[] not null,
    created_at    timestamptz not null,
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    primary key (tenant_id, id)
);
create unique index api_keys_prefix on api_keys (prefix);
create unique index api_keys_hash on api_keys (key_hash);

alter table api_keys enable row level security;
create policy tenant_isolation on api_keys
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, insert, update on api_keys to ${app_role};

-- A request carrying a key names no tenant yet, so RLS would hide every key. This function, run as
-- the owner, returns the one key whose prefix and full hash both match: knowing the key is the only
-- way to learn its tenant. It returns no hash and no other tenant's rows.
create function hub_find_api_key(p_prefix text, p_hash bytea)
    returns table (tenant_id uuid, id uuid, scopes text[], expires_at timestamptz, revoked_at timestamptz,
                   last_used_at timestamptz)
    language sql stable security definer set search_path = public, pg_temp
    as $$ select k.tenant_id, k.id, k.scopes, k.expires_at, k.revoked_at, k.last_used_at
          from api_keys k where k.prefix = p_prefix and k.key_hash = p_hash $$;
revoke all on function hub_find_api_key(text, bytea) from public;
grant execute on function hub_find_api_key(text, bytea) to ${app_role};

-- Retention. A table whose rows expire (raw provider payloads) is registered here by the migration
-- that creates it, naming its timestamp column. The retention job deletes expired rows across all
-- tenants through hub_delete_expired, which refuses every table not registered here: the
-- application role can never purge anything else (the audit log above, for one).
create table retention_tables (
    table_name        text primary key,
    timestamp_column  text not null
);
grant select on retention_tables to ${app_role};

create function hub_delete_expired(p_table text, p_cutoff timestamptz, p_batch integer)
    returns bigint
    language plpgsql security definer set search_path = public, pg_temp
    as $$
declare
    column_name text;
    deleted bigint;
begin
    select r.timestamp_column into column_name from retention_tables r where r.table_name = p_table;
    if column_name is null then
        raise exception 'table % is not registered in retention_tables', p_table;
    end if;
    execute format('delete from %I where ctid = any (array(select ctid from %I where %I < $1 limit $2))',
                   p_table, p_table, column_name)
        using p_cutoff, p_batch;
    get diagnostics deleted = row_count;
    return deleted;
end
$$;
revoke all on function hub_delete_expired(text, timestamptz, integer) from public;
grant execute on function hub_delete_expired(text, timestamptz, integer) to ${app_role};

-- When each cluster-wide job last ran, so N nodes run it once per interval between them.
create table scheduled_job_runs (
    job          text primary key,
    last_run_at  timestamptz not null
);
grant select, insert, update on scheduled_job_runs to ${app_role};
