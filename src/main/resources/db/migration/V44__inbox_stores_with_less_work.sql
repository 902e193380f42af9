-- Storing a batch of inbound events with less work per event (measured with perf on the backends of
-- the batch benchmark; docs/DECISIONS.md):
--
-- * The ids come from the hub (version 7 UUIDs made from the request's arrival time). Made here,
--   each took a strong random number from OpenSSL (6 % of the backends' time) and a round trip
--   through hex text.
-- * Provider names, de-duplication keys and one-use tokens compare byte by byte (collation "C"). Under
--   the database's default collation every comparison in the unique index copied both strings and
--   called strcoll (bttextcmp took 7 % of the backends' time). Only equality matters for these
--   columns, and equality is the same under both collations.
-- * Payloads arrive as one text per event, each parsed once into its jsonb. Passed as one JSON array,
--   the array was parsed, then every element was built into a jsonb of its own again.
-- * Times arrive as microseconds since the Unix epoch (binary integers) instead of texts to parse.
-- * The events come in the unique index's order, each with its request's number and texts (provider,
--   user agent, address), and are inserted straight from their arrays: no join of events with
--   requests and no sort here (together 19 % of the backends' time).
-- * The function answers the ids it did not store (usually none), which the hub maps back to its
--   events: no set of (provider, key) pairs, nor an id per stored event, to encode and decode.
alter table webhook_inbox alter column provider type text collate "C",
                          alter column dedup_key type text collate "C";
alter table webhook_one_use_tokens alter column provider type text collate "C",
                                   alter column token type text collate "C";

drop function store_webhook_arrivals(uuid, text[], uuid[], timestamptz[], text[], text[], text[], text[],
                                     integer[], text[], text[], timestamptz[], jsonb);

-- The time a count of microseconds since the Unix epoch stands for. Stable, as timestamptz + interval
-- is: PostgreSQL inlines a SQL function only when the function is declared no less volatile than its
-- body, and one declared immutable here ran as a call of its own for every value (18 % of the work).
create function hub_epoch_micros(p_micros bigint) returns timestamptz
    language sql stable parallel safe
    as $$ select timestamptz 'epoch' + p_micros * interval '1 microsecond' $$;

-- Stores the events of several requests of one tenant, unless already there. Request i (1-based)
-- has r_provider[i], r_integration[i], r_received[i], r_token[i] and r_token_event[i]. Times are
-- microseconds since the Unix epoch. Event j has e_request[j] (its request), e_id[j], e_payload[j]
-- (JSON text) and so on; its request's texts (provider, user agent, address) are repeated for each
-- of its events, and its integration and arrival time are read from the request's arrays by index
-- (constant time for fixed-size elements), so that the events are inserted straight from their
-- arrays, in the order given, with no join or sort here. The hub gives them ordered by provider and
-- de-duplication key: concurrent writers then take the unique index's entries in one order, which
-- makes deadlocks between them rare. A request whose one-use token already served another event is
-- refused: none of its events is stored. Answers the refused requests and the ids of the events
-- of the other requests that were not stored (already there, or a key twice in the call): usually
-- none, so nothing has to travel back per stored event. Runs with the caller's rights: the tenant
-- scope it sets is local to the transaction, and row-level security applies to the insert as to any
-- other.
create function store_webhook_arrivals(p_tenant uuid, r_provider text[], r_integration uuid[], r_received bigint[],
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
                   hub_epoch_micros(r_received[e.request]), e.agent, e.address, e.payload::jsonb,
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
revoke all on function store_webhook_arrivals(uuid, text[], uuid[], bigint[], text[], text[], integer[], uuid[],
                                              text[], text[], text[], text[], text[], bigint[], text[]) from public;
grant execute on function store_webhook_arrivals(uuid, text[], uuid[], bigint[], text[], text[], integer[], uuid[],
                                                 text[], text[], text[], text[], text[], bigint[], text[])
    to ${app_role};
