-- The delivery claim had the same blind spot as the claims V41 mended, one step earlier: it joined
-- the deliveries it wanted back to the table to lock them. With statistics taken while few deliveries
-- were pending, the planner expected one pending row and walked every pending delivery of the
-- tenant once per wanted row (auto_explain during the outbound benchmark, ten endpoints timing out:
-- 15,773 rows × 32, 200–470 ms per claim, the healthy endpoints' deliveries down by half). Passing the
-- keys through unnest (as V41 does) was not enough here: the join still carried "state = 'pending'",
-- which let the planner prefer a partial index of pending rows it believed empty. Each wanted
-- delivery is now locked and leased by its primary key alone, and its state checked on the locked row.
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
        with busy as (
            select e.tenant_id, e.id, e.ordered,
                   (select count(*) from webhook_deliveries l
                    where l.tenant_id = e.tenant_id and l.endpoint_id = e.id and l.state = 'pending'
                      and l.locked_until > p_now) as leased
            from webhook_endpoints e
            where e.enabled and exists (
                select 1 from webhook_deliveries d
                where d.tenant_id = e.tenant_id and d.endpoint_id = e.id and d.state = 'pending'
                  and d.next_attempt_at <= p_now and (d.locked_until is null or d.locked_until <= p_now))),
        wanted as (
            select c.tenant_id, c.id from busy b
            cross join lateral (
                select d.tenant_id, d.id, d.next_attempt_at from webhook_deliveries d
                where d.tenant_id = b.tenant_id and d.endpoint_id = b.id and d.state = 'pending'
                  and d.next_attempt_at <= p_now and (d.locked_until is null or d.locked_until <= p_now)
                  and (not b.ordered or not exists (
                      select 1 from webhook_deliveries p
                      where p.tenant_id = d.tenant_id and p.endpoint_id = d.endpoint_id and p.state = 'pending'
                        and p.seq < d.seq))
                order by d.seq
                limit case when b.ordered then (case when b.leased = 0 then 1 else 0 end)
                           else greatest(p_per_endpoint - b.leased, 0) end) c
            order by c.next_attempt_at
            limit p_max)
        select w.tenant_id, w.id from wanted w
        loop
            -- the full primary key and nothing else: no partial index of pending rows can look cheaper
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
