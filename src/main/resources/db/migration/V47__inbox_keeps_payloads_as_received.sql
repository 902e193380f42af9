-- The inbox keeps each event's JSON as the provider sent it. As jsonb, the payload lost what the
-- provider wrote (key order, spacing, number spelling), so the inbox could only answer a
-- re-serialised copy; and parsing each payload into jsonb at store time was work nothing used: the
-- processors read the payload in the hub, and no statement looks inside it. The column becomes text
-- (rows stored before keep jsonb's text of their payload), and the store function stores the text it
-- is given; the hub hands it only JSON it has parsed.
alter table webhook_inbox alter column payload type text using payload::text;

-- As in V44, but the payload is stored as given.
create or replace function store_webhook_arrivals(p_tenant uuid, r_provider text[], r_integration uuid[], r_received bigint[],
                                       r_token text[], r_token_event text[], e_request integer[], e_id uuid[],
                                       e_provider text[], e_agent text[], e_address text[], e_dedup text[],
                                       e_type text[], e_occurred bigint[], e_payload text[])
    returns table (refused integer[], skipped uuid[])
    language plpgsql volatile set search_path = public
    as $$
    declare
        v_refused integer[] := '{}';
        v_stored integer;
    begin
        perform set_config('nile.tenant_id', p_tenant::text, true), set_config('hub.user_id', '', true);
        if exists (select from unnest(r_token) as t (token) where t.token is not null) then
            insert into webhook_one_use_tokens (provider, token, dedup_key, seen_at)
            select r.provider, r.token, r.token_event, hub_epoch_micros(r.received)
            from unnest(r_provider, r_token, r_token_event, r_received) as r (provider, token, token_event, received)
            where r.token is not null
            order by r.provider collate "C", r.token collate "C" -- every writer in the same order: fewer deadlocks
            on conflict (provider, token) do nothing;
            -- a statement of its own, so that it sees tokens that concurrent writers committed meanwhile
            select coalesce(array_agg(r.n), '{}') into v_refused
            from unnest(r_provider, r_token, r_token_event) with ordinality as r (provider, token, token_event, n)
            join webhook_one_use_tokens t on t.provider = r.provider and t.token = r.token
            where t.dedup_key is distinct from r.token_event;
        end if;
        with stored as (
            insert into webhook_inbox (tenant_id, id, provider, integration_id, dedup_key, event_type, occurred_at,
                                       received_at, user_agent, client_address, payload, next_attempt_at)
            select p_tenant, e.id, e.provider, r_integration[e.request], e.dedup, e.type, hub_epoch_micros(e.occurred),
                   hub_epoch_micros(r_received[e.request]), e.agent, e.address, e.payload,
                   hub_epoch_micros(r_received[e.request])
            from unnest(e_request, e_id, e_provider, e_agent, e_address, e_dedup, e_type, e_occurred, e_payload)
                 as e (request, id, provider, agent, address, dedup, type, occurred, payload)
            where e.request <> all (v_refused)
            on conflict (tenant_id, provider, dedup_key) do nothing
            returning 1)
        select count(*) into v_stored from stored;
        refused := v_refused;
        skipped := '{}';
        if v_stored < (select count(*) from unnest(e_request) as e (request) where e.request <> all (v_refused)) then
            select coalesce(array_agg(e.id), '{}') into skipped
            from unnest(e_request, e_id) as e (request, id)
            where e.request <> all (v_refused)
              and not exists (select from webhook_inbox w where w.tenant_id = p_tenant and w.id = e.id);
        end if;
        return next;
    end $$;
