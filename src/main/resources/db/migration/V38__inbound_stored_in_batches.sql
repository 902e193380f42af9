-- Storing inbound webhook requests many at a time.
--
-- Until now every acknowledged request cost a transaction of its own: the tenant scope, the one-use
-- token (Mailgun), the inbox insert and a commit waiting for its WAL flush. The hub's inbox writer
-- now gathers the requests that arrive while it writes and stores them together: one call of
-- store_webhook_arrivals per tenant among them, one commit for all. Each request is answered only
-- after that commit, so "acknowledged means stored" holds as before.

-- Mailgun's token rule becomes the webhook engine's: any source may name a one-use token that its
-- signature covers instead of the body.
alter table mailgun_webhook_tokens rename to webhook_one_use_tokens;
alter table webhook_one_use_tokens add column provider text not null default 'mailgun';
alter table webhook_one_use_tokens alter column provider drop default;
alter table webhook_one_use_tokens drop constraint mailgun_webhook_tokens_pkey;
alter table webhook_one_use_tokens add primary key (provider, token);
update retention_tables set table_name = 'webhook_one_use_tokens' where table_name = 'mailgun_webhook_tokens';

-- A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made in time
-- order land at the right edge of their primary-key index instead of on a random page of it.
create function hub_time_ordered_uuid() returns uuid
    language sql volatile parallel safe
    as $$
        select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                      placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
                      from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
    $$;

-- Stores the events of several requests of one tenant, unless already there. Request i (1-based)
-- has r_provider[i], r_integration[i], ...; event j belongs to request e_request[j] and its payload
-- is element j of the JSON array e_payloads. A request whose one-use token already served another
-- event is refused: none of its events is stored. Answers the refused requests and the
-- (provider, dedup_key) of every event stored now. Runs with the caller's rights: the tenant scope
-- it sets is local to the transaction, and row-level security applies to the insert as to any
-- other (a later call in the same transaction sets its own tenant).
create function store_webhook_arrivals(p_tenant uuid, r_provider text[], r_integration uuid[],
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
            on conflict (tenant_id, provider, dedup_key) do nothing
            returning webhook_inbox.provider, webhook_inbox.dedup_key)
        select v_refused, coalesce(array_agg(s.provider), '{}'), coalesce(array_agg(s.dedup_key), '{}') from stored s;
    end $$;
revoke all on function store_webhook_arrivals(uuid, text[], uuid[], timestamptz[], text[], text[], text[], text[],
                                              integer[], text[], text[], timestamptz[], jsonb) from public;
grant execute on function store_webhook_arrivals(uuid, text[], uuid[], timestamptz[], text[], text[], text[], text[],
                                                 integer[], text[], text[], timestamptz[], jsonb) to ${app_role};
