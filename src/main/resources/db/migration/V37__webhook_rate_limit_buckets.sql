-- Per-endpoint delivery rate limits shared by every hub node: Bucket4j's PostgreSQL backend (the
-- platform's SharedBuckets), one row per endpoint's bucket keyed "<tenant>:<endpoint>|<n>/s". Not
-- tenant data (the key names the tenant), so not under RLS, like gateway_rate_limit_buckets.
create table webhook_rate_limit_buckets (
    id          text primary key,
    state       bytea,
    expires_at  bigint
);
grant select, insert, update, delete on webhook_rate_limit_buckets to ${app_role};
