-- The delivery claim still read each endpoint's pending rows more than once per call. It counted
-- each endpoint's leases on its own, and with statistics taken while nothing was pending the
-- planner did that through the pending-rows index of due times, once per endpoint. It then found
-- each endpoint's due deliveries by walking its pending rows in sequence order past every retry
-- that was not due yet. In a rolled-back reproduction (100 endpoints; statistics taken on 20,000
-- delivered rows; then 20,000 retries waiting on 10 endpoints and 900 deliveries due on the other
-- 90) one claim read 1.96 million rows in 260 ms.
--
-- Now:
-- * leases are counted once per claim, by one pass over the index of leased rows (V25), which
--   holds only the few deliveries in flight;
-- * an endpoint's due deliveries are a range of a new index on (tenant, endpoint, due time) over
--   pending rows, read oldest due first, so waiting retries are never read;
-- * an ordered endpoint is offered only its first pending delivery (by seq), and only when that
--   one is due and nothing of the endpoint is in flight;
-- * among equally old due deliveries (a publishing transaction gives all of its deliveries one time)
--   the endpoints with the fewest in flight come first, so a claim spreads over the endpoints instead
--   of filling some endpoints' slots while others wait;
-- * the index of due times alone served only this claim and is dropped, so publishing keeps the
--   same number of indexes to write.
create index webhook_deliveries_endpoint_due on webhook_deliveries (tenant_id, endpoint_id, next_attempt_at)
    where state = 'pending';
drop index webhook_deliveries_due;

create or replace function claim_webhook_deliveries(p_now timestamptz, p_lease_seconds integer, p_max integer,
                                                    p_per_endpoint integer)
    returns table (tenant_id uuid, id uuid)
    language plpgsql volatile security definer set search_path = public
    as $$
    #variable_conflict use_column
    declare
        k record;
        v_state text;
        v_locked timestamptz;
    begin
        for k in
        with leased as materialized (
            select l.tenant_id, l.endpoint_id, count(*) as n from webhook_deliveries l
            where l.state = 'pending' and l.locked_until is not null and l.locked_until > p_now
            group by l.tenant_id, l.endpoint_id),
        open as (
            select e.tenant_id, e.id, e.ordered, coalesce(l.n, 0) as leased
            from webhook_endpoints e
            left join leased l on l.tenant_id = e.tenant_id and l.endpoint_id = e.id
            where e.enabled),
        wanted as (
            select c.tenant_id, c.id, c.next_attempt_at, o.leased + c.rank as load from open o
            cross join lateral (
                select d.tenant_id, d.id, d.next_attempt_at, row_number() over (order by d.next_attempt_at) as rank
                from webhook_deliveries d
                where not o.ordered
                  and d.tenant_id = o.tenant_id and d.endpoint_id = o.id and d.state = 'pending'
                  and d.next_attempt_at <= p_now and (d.locked_until is null or d.locked_until <= p_now)
                order by d.next_attempt_at
                limit greatest(p_per_endpoint - o.leased, 0)) c
            union all
            select h.tenant_id, h.id, h.next_attempt_at, 1 as load from open o
            cross join lateral (
                select d.tenant_id, d.id, d.next_attempt_at, d.locked_until from webhook_deliveries d
                where d.tenant_id = o.tenant_id and d.endpoint_id = o.id and d.state = 'pending'
                order by d.seq
                limit 1) h
            where o.ordered and o.leased = 0
              and h.next_attempt_at <= p_now and (h.locked_until is null or h.locked_until <= p_now))
        select w.tenant_id, w.id from wanted w
        -- oldest due first; among equally old ones (a publishing transaction gives all its deliveries one
        -- time) the endpoints with the fewest in flight first, so no endpoint waits on the others' turns
        order by w.next_attempt_at, w.load
        limit p_max
        loop
            -- the full primary key and nothing else (V42): no partial index of pending rows can look cheaper
            select d.state, d.locked_until into v_state, v_locked from webhook_deliveries d
            where d.tenant_id = k.tenant_id and d.id = k.id
            for update skip locked;
            if found and v_state = 'pending' and (v_locked is null or v_locked <= p_now) then
                update webhook_deliveries d set locked_until = p_now + make_interval(secs => p_lease_seconds)
                where d.tenant_id = k.tenant_id and d.id = k.id;
                tenant_id := k.tenant_id;
                id := k.id;
                return next;
            end if;
        end loop;
    end $$;
