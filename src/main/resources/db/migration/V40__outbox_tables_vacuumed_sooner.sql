-- The outbox and inbox tables are queues: rows arrive in bursts, are updated a few times and leave
-- the queue's partial indexes. PostgreSQL's defaults analyze a table after 10 % of it changed and
-- vacuum it after 20 % of it died; on a queue of a million rows that is a long time of stale plans
-- and of claims walking dead index entries. These tables are analyzed and vacuumed after 2 % and 5 %.
-- (How often autovacuum looks at all is the server's autovacuum_naptime: the embedded database sets
-- 10 s; an operator's server keeps its own, see the README.) A server that refuses table storage
-- parameters (some managed or distributed PostgreSQL services do) keeps its defaults.
do $$
declare t text;
begin
    foreach t in array array['email_messages', 'email_recipients', 'webhook_inbox', 'webhook_deliveries',
                             'webhook_one_use_tokens', 'system_emails'] loop
        execute format('alter table %I set (autovacuum_analyze_scale_factor = 0.02, '
                       'autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_insert_scale_factor = 0.05)', t);
    end loop;
exception when feature_not_supported or insufficient_privilege or invalid_parameter_value then
    raise notice 'autovacuum settings left at the server''s defaults: %', sqlerrm;
end $$;
