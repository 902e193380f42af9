-- The lease claims joined the rows they locked back to their table by key. The planner cannot see
-- the claim's LIMIT (a parameter), so it expected a tenth of the table to come out of it and chose to
-- hash-join the whole table: measured on an inbox of 900,000 pending events, every claim of 50 events
-- scanned all of them (0.8–1.0 s each, PostgreSQL at 170 % CPU, processing at 210 events/s). Each
-- claim now gathers the locked keys into arrays and updates through unnest(), which the planner
-- expects to be small: one primary-key lookup per claimed row, whatever the size of the table.

create or replace function claim_webhook_inbox(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select w.tenant_id, w.id from webhook_inbox w
            where w.state = 'pending' and w.next_attempt_at <= p_now
              and (w.locked_until is null or w.locked_until <= p_now)
            order by w.next_attempt_at
            limit p_max
            for update skip locked),
        keys as (select array_agg(due.tenant_id) as tenants, array_agg(due.id) as ids from due)
        update webhook_inbox w set locked_until = p_now + make_interval(secs => p_lease_seconds)
        from keys cross join unnest(keys.tenants, keys.ids) as k (tenant_id, id)
        where w.tenant_id = k.tenant_id and w.id = k.id
        returning w.tenant_id, w.id
    $$;

create or replace function claim_email_messages(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select m.tenant_id, m.id from email_messages m
            where m.status = 'queued' and m.next_attempt_at <= p_now
              and (m.locked_until is null or m.locked_until <= p_now)
            order by m.next_attempt_at
            limit p_max
            for update skip locked),
        keys as (select array_agg(due.tenant_id) as tenants, array_agg(due.id) as ids from due)
        update email_messages m set locked_until = p_now + make_interval(secs => p_lease_seconds)
        from keys cross join unnest(keys.tenants, keys.ids) as k (tenant_id, id)
        where m.tenant_id = k.tenant_id and m.id = k.id
        returning m.tenant_id, m.id
    $$;

create or replace function claim_contact_imports(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select i.tenant_id, i.id from contact_imports i
            where i.state in ('pending', 'running')
              and (i.locked_until is null or i.locked_until <= p_now)
            order by i.requested_at
            limit p_max
            for update skip locked),
        keys as (select array_agg(due.tenant_id) as tenants, array_agg(due.id) as ids from due)
        update contact_imports i set locked_until = p_now + make_interval(secs => p_lease_seconds)
        from keys cross join unnest(keys.tenants, keys.ids) as k (tenant_id, id)
        where i.tenant_id = k.tenant_id and i.id = k.id
        returning i.tenant_id, i.id
    $$;

create or replace function claim_support_sla_checks(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select t.tenant_id, t.id from support_tickets t
            where t.sla_next_check_at <= p_now
            order by t.sla_next_check_at
            limit p_max
            for update skip locked),
        keys as (select array_agg(due.tenant_id) as tenants, array_agg(due.id) as ids from due)
        update support_tickets t set sla_next_check_at = p_now + make_interval(secs => p_lease_seconds)
        from keys cross join unnest(keys.tenants, keys.ids) as k (tenant_id, id)
        where t.tenant_id = k.tenant_id and t.id = k.id
        returning t.tenant_id, t.id
    $$;

create or replace function claim_support_desk_events(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid, event_type text, data text, attempts integer)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select e.tenant_id, e.id from support_desk_events e
            where e.next_attempt_at <= p_now
            order by e.next_attempt_at
            limit p_max
            for update skip locked),
        keys as (select array_agg(due.tenant_id) as tenants, array_agg(due.id) as ids from due)
        update support_desk_events e set next_attempt_at = p_now + make_interval(secs => p_lease_seconds),
            attempts = e.attempts + 1
        from keys cross join unnest(keys.tenants, keys.ids) as k (tenant_id, id)
        where e.tenant_id = k.tenant_id and e.id = k.id
        returning e.tenant_id, e.id, e.event_type, e.data::text, e.attempts
    $$;
