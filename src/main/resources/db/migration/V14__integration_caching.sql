-- The guide's CacheConfig per integration: a read-through cache of the provider's answers to GETs.
alter table integrations add column caching jsonb not null default '{"enabled": false, "ttl": 60}'::jsonb;
