-- Concurrent inbox writers (two per node, any number of nodes) store batches that can share one-use
-- tokens and de-duplication keys. Rows taken in different orders by two transactions can deadlock;
-- PostgreSQL then rolls one back (the hub writes it again). Taking the rows of every statement in
-- one fixed order, (provider, token) and (provider, dedup_key), makes such cycles rare.
create or replace function store_webhook_arrivals(p_tenant uuid, r_provider text[], r_integration uuid[],
                                       r_received timestamptz[], r_agent text[], r_address text[], r_token text[],
                                       r_token_event text[], e_request integer[], e_dedup text[], e_type text[],
                                       e_occurred timestamptz[], e_payloads jsonb)
    returns table (refused integer[], stored_provider text[], stored_dedup text[])
    language plpgsql volatile set search_path = public
    as $$
    declare
        v_refused integer[];
    begin
        perform set_config('nile.tenant_id', p_tenant::text, true), set_config('hub.user_id', '', true);
        insert into webhook_one_use_tokens (provider, token, dedup_key, seen_at)
        select r.provider, r.token, r.token_event, r.received
        from unnest(r_provider, r_token, r_token_event, r_received) as r (provider, token, token_event, received)
        where r.token is not null
        order by r.provider, r.token -- every writer takes rows in the same order: fewer deadlocks
        on conflict (provider, token) do nothing;
        -- a statement of its own, so that it sees tokens that concurrent writers committed meanwhile
        select coalesce(array_agg(r.n), '{}') into v_refused
        from unnest(r_provider, r_token, r_token_event) with ordinality as r (provider, token, token_event, n)
        join webhook_one_use_tokens t on t.provider = r.provider and t.token = r.token
        where t.dedup_key is distinct from r.token_event;
        return query
        with stored as (
            insert into webhook_inbox (tenant_id, id, provider, integration_id, dedup_key, event_type, occurred_at,
                                       received_at, user_agent, client_address, payload, next_attempt_at)
            select p_tenant, hub_time_ordered_uuid(), r.provider, r.integration, e.dedup, e.type, e.occurred, r.received,
                   r.agent, r.address, p.payload, r.received
            from unnest(e_request, e_dedup, e_type, e_occurred) with ordinality as e (request, dedup, type, occurred, n)
            join jsonb_array_elements(e_payloads) with ordinality as p (payload, n) using (n)
            join unnest(r_provider, r_integration, r_received, r_agent, r_address) with ordinality
                 as r (provider, integration, received, agent, address, request) using (request)
            where e.request <> all (v_refused)
            order by r.provider, e.dedup
            on conflict (tenant_id, provider, dedup_key) do nothing
            returning webhook_inbox.provider, webhook_inbox.dedup_key)
        select v_refused, coalesce(array_agg(s.provider), '{}'), coalesce(array_agg(s.dedup_key), '{}') from stored s;
    end $$;
