-- The schema stays ready for a distributed PostgreSQL that shards by tenant (Citus distributed tables co-located
-- on tenant_id, or Nile): every tenant-owned table is keyed by tenant_id first, and every table that belongs to
-- no tenant says so in its comment ("global: …"); such tables become reference tables (small, read everywhere)
-- or stay on the coordinator. ShardReadySchemaIntegrationTests reads the catalogue and holds every table to this.

-- A state is looked up by its hash alone when the provider sends the user back; unique within its tenant, which
-- a distributed table can enforce, and found across tenants through a plain index.
alter table oauth_states drop constraint oauth_states_state_hash_key;
alter table oauth_states add constraint oauth_states_state_hash_key unique (tenant_id, state_hash);
create index oauth_states_by_hash on oauth_states (state_hash);

comment on table tenants is 'global: the tenants themselves (Nile''s tenants table; the distribution key''s source)';
comment on table users is 'global: a person may belong to several tenants; reference table';
comment on table sessions is 'global: a user''s sign-in sessions, across the tenants they belong to';
comment on table email_verifications is 'global: a user''s email verification tokens';
comment on table staff_members is 'global: the platform''s support staff; reference table';
comment on table data_keys is 'global: the keyring''s wrapped data keys; reference table';
comment on table retention_tables is 'global: which tables the retention job trims; reference table';
comment on table scheduled_job_runs is 'global: last run of each cluster-wide job';
comment on table gateway_rate_limit_buckets is 'global: shared rate-limit buckets (Bucket4j), keyed by integration';
comment on table webhook_rate_limit_buckets is 'global: shared rate-limit buckets of outbound endpoints';
comment on table webhook_one_use_tokens is 'global: provider tokens spent before the tenant of a webhook is known';
comment on table support_inbound_tokens is 'global: inbound mail tokens spent before the tenant is known';
comment on table system_emails is 'global: the platform''s own mail (verification, invitations)';
comment on table kb_articles is 'global: the support desk''s knowledge base; reference table';
comment on table support_settings is 'global: the support desk''s settings; reference table';
