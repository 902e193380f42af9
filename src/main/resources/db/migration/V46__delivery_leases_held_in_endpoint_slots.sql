-- A delivery's lease was its own row's locked_until, and the index of leased rows (V25) names that
-- column. PostgreSQL makes an update HOT (no new index entries) only when no column named by an
-- index's keys or predicate changes, so every lease and every release wrote a new version of the
-- delivery into all five of its indexes: in a benchmark run, 175,046 updates of 100,200 deliveries,
-- none of them HOT, and the lease update was the claim's largest cost.
--
-- Now an endpoint has max-in-flight-per-endpoint slot rows, and a lease is a slot that names the
-- delivery and runs until locked_until. Claiming and releasing rewrite a slot in place; no index of
-- the slots names delivery_id or locked_until, and the table keeps room on its pages (fillfactor), so
-- these updates are HOT. A delivery row is written when it is published and when it is finished (or
-- rescheduled), never to lease it. A node that dies leaves its slots to run out, as its leases did.
-- Deliveries in flight while this migration runs lose their leases with the column and are claimed
-- again at once: a receiver may get them twice (at least once, as after any crash).
create table webhook_delivery_slots (
    tenant_id    uuid not null,
    endpoint_id  uuid not null,
    slot         integer not null,
    delivery_id  uuid,
    locked_until timestamptz,
    primary key (tenant_id, endpoint_id, slot),
    foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade,
    check ((delivery_id is null) = (locked_until is null))
) with (fillfactor = 40);

alter table webhook_delivery_slots enable row level security;
create policy tenant_isolation on webhook_delivery_slots
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
grant select, update on webhook_delivery_slots to ${app_role};

do $$
begin
    execute 'alter table webhook_delivery_slots set (autovacuum_vacuum_scale_factor = 0.05)';
exception when feature_not_supported or insufficient_privilege or invalid_parameter_value then
    raise notice 'autovacuum settings left at the server''s defaults: %', sqlerrm;
end $$;

-- the claim below replaces the only reader of the leased-rows index and of the lease column
drop index webhook_deliveries_leased;

-- The claim counts leases from the slots: one pass over a few hundred small rows instead of an index
-- of the deliveries. Otherwise it offers what V43's did: each endpoint's due deliveries are a range of
-- webhook_deliveries_endpoint_due, oldest first, as many as the endpoint has free slots and skipping
-- those its slots hold; an ordered endpoint is offered only its first pending delivery, and only when
-- none of its slots is held; among equally old ones the endpoints with the fewest in flight come first.
--
-- It is one statement: the chosen deliveries are written into free slots by one update. Claims take
-- turns through a transaction-level advisory lock (class 'whcl', key 0), so the statement's snapshot,
-- taken after the lock, sees every earlier claim of every node, and two nodes never offer themselves
-- the same delivery. A claim holds the lock for the few milliseconds it runs. Finishing, rescheduling
-- or postponing a delivery frees its slot in the same transaction, so no claim sees a slot free while
-- its delivery is still being sent, unless the lease ran out.
--
-- An endpoint's chosen deliveries are always its first ones by rank: the order (due time, in flight +
-- rank) puts a later rank of one endpoint after an earlier one. So the delivery of rank n takes the
-- endpoint's n-th free slot.
create or replace function claim_webhook_deliveries(p_now timestamptz, p_lease_seconds integer, p_max integer,
                                                    p_per_endpoint integer)
    returns table (tenant_id uuid, id uuid)
    language plpgsql volatile security definer set search_path = public
    -- PL/pgSQL keeps a plan per statement and, call by call, may plan it again for the values at hand: that
    -- planning took 1.3 ms of a 6 ms claim in some runs (the plan it made was the same)
    set plan_cache_mode = force_generic_plan
    as $$
    #variable_conflict use_column
    declare
        v_shared boolean := true;
        v_wanted integer := p_max;
        v_taken integer;
    begin
        perform pg_advisory_xact_lock(2003329900, 0); -- 'whcl'
        -- a new endpoint, or a larger max-in-flight-per-endpoint, gets its slots
        if exists (select 1 from webhook_endpoints e
                   where e.enabled and not exists (
                       select 1 from webhook_delivery_slots s
                       where s.tenant_id = e.tenant_id and s.endpoint_id = e.id and s.slot = p_per_endpoint)) then
            insert into webhook_delivery_slots (tenant_id, endpoint_id, slot)
            select e.tenant_id, e.id, n from webhook_endpoints e cross join generate_series(1, p_per_endpoint) n
            where e.enabled
            on conflict do nothing;
        end if;

        -- first each endpoint offers at most its share of the claim and one; when that leaves the claim short
        -- (fewer endpoints have due deliveries than have free slots), the endpoints offer all their free slots'
        -- worth. The second pass sees the first one's slots: its own transaction's writes.
        loop
            return query
            with slots as materialized (
                select s.tenant_id, s.endpoint_id,
                       count(*) filter (where s.locked_until > p_now) as leased,
                       array_agg(s.slot order by s.slot) filter (where s.slot <= p_per_endpoint
                                          and (s.locked_until is null or s.locked_until <= p_now)) as free,
                       array_agg(s.delivery_id) filter (where s.locked_until > p_now) as held
                from webhook_delivery_slots s
                group by s.tenant_id, s.endpoint_id),
            open as (
                select e.tenant_id, e.id, e.ordered, s.leased, s.free, s.held, count(*) over () as endpoints
                from webhook_endpoints e
                join slots s on s.tenant_id = e.tenant_id and s.endpoint_id = e.id
                where e.enabled and s.free is not null),
            offered as (
                select c.tenant_id, c.endpoint_id, c.id, c.next_attempt_at, o.leased, o.free from open o
                cross join lateral (
                    select d.tenant_id, d.endpoint_id, d.id, d.next_attempt_at from webhook_deliveries d
                    where not o.ordered
                      and d.tenant_id = o.tenant_id and d.endpoint_id = o.id and d.state = 'pending'
                      and d.next_attempt_at <= p_now and (o.held is null or d.id <> all (o.held))
                    order by d.next_attempt_at
                    -- each offered delivery is a read of its row, and a claim takes fewer than all endpoints offer
                    limit case when v_shared then least(cardinality(o.free), v_wanted / o.endpoints + 1)
                               else cardinality(o.free) end) c
                union all
                select h.tenant_id, h.endpoint_id, h.id, h.next_attempt_at, o.leased, o.free from open o
                cross join lateral (
                    select d.tenant_id, d.endpoint_id, d.id, d.next_attempt_at from webhook_deliveries d
                    where d.tenant_id = o.tenant_id and d.endpoint_id = o.id and d.state = 'pending'
                    order by d.seq
                    limit 1) h
                where o.ordered and o.leased = 0 and h.next_attempt_at <= p_now),
            -- each endpoint's offers ranked by due time (ties by id), over the few rows offered
            ranked as (
                select f.tenant_id, f.endpoint_id, f.id, f.next_attempt_at, f.leased, f.free,
                       row_number() over (partition by f.tenant_id, f.endpoint_id order by f.next_attempt_at, f.id) as rank
                from offered f),
            wanted as (
                select r.tenant_id, r.endpoint_id, r.id, r.next_attempt_at, r.leased + r.rank as load, r.free[r.rank] as slot
                from ranked r),
            chosen as (
                select w.tenant_id, w.endpoint_id, w.id, w.slot from wanted w
                -- oldest due first; among equally old ones (a publishing transaction gives all its deliveries one
                -- time) the endpoints with the fewest in flight first, so no endpoint waits on the others' turns
                order by w.next_attempt_at, w.load
                limit v_wanted),
            taken as (
                update webhook_delivery_slots s
                set delivery_id = c.id, locked_until = p_now + make_interval(secs => p_lease_seconds)
                from chosen c
                where s.tenant_id = c.tenant_id and s.endpoint_id = c.endpoint_id and s.slot = c.slot
                returning s.tenant_id, s.delivery_id)
            select t.tenant_id, t.delivery_id from taken t;
            get diagnostics v_taken = row_count;
            v_wanted := v_wanted - v_taken;
            exit when v_wanted <= 0 or not v_shared;
            v_shared := false;
        end loop;
    end $$;

alter table webhook_deliveries drop column locked_until;
