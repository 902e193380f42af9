-- The desk's own webhook events and the sender check of header threading.
--
-- Desk tenant. Staff choose one tenant (PenguinMails' own organisation in the hub) as the desk's:
-- every new ticket, of any tenant or of an email-only sender, is also published there as
-- support.ticket_created, so the team subscribes with an ordinary webhook endpoint of that tenant.
alter table support_settings add column desk_tenant_id uuid references tenants (id) on delete set null;

-- The outbox of those events. A row belongs to the ticket's tenant and is written in the ticket's
-- own transaction (so a crash loses nothing); the relay claims rows across tenants through the
-- SECURITY DEFINER function below, then publishes each inside the desk tenant's transaction and
-- deletes the row in that same transaction.
create table support_desk_events (
    tenant_id        uuid not null,
    id               uuid not null,
    ticket_id        uuid not null,
    event_type       text not null check (char_length(event_type) between 1 and 200),
    data             jsonb not null,
    created_at       timestamptz not null,
    next_attempt_at  timestamptz not null,
    attempts         integer not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, ticket_id) references support_tickets (tenant_id, id) on delete cascade
);
create index support_desk_events_due on support_desk_events (next_attempt_at);

alter table support_desk_events enable row level security;
create policy tenant_isolation on support_desk_events
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy desk_staff on support_desk_events
    using (hub_current_user_is_staff()) with check (hub_current_user_is_staff());
grant select, insert, delete on support_desk_events to ${app_role};

create function claim_support_desk_events(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid, event_type text, data text, attempts integer)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select e.tenant_id, e.id from support_desk_events e
            where e.next_attempt_at <= p_now
            order by e.next_attempt_at
            limit p_max
            for update skip locked)
        update support_desk_events e set next_attempt_at = p_now + make_interval(secs => p_lease_seconds),
            attempts = e.attempts + 1
        from due where e.tenant_id = due.tenant_id and e.id = due.id
        returning e.tenant_id, e.id, e.event_type, e.data::text, e.attempts
    $$;
revoke all on function claim_support_desk_events(timestamptz, integer, integer) from public;
grant execute on function claim_support_desk_events(timestamptz, integer, integer) to ${app_role};

create function finish_support_desk_event(p_tenant uuid, p_id uuid) returns boolean
    language sql volatile security definer set search_path = public
    as $$
        with gone as (delete from support_desk_events e where e.tenant_id = p_tenant and e.id = p_id returning 1)
        select exists (select 1 from gone)
    $$;
revoke all on function finish_support_desk_event(uuid, uuid) from public;
grant execute on function finish_support_desk_event(uuid, uuid) to ${app_role};

-- Threading by In-Reply-To / References: the ticket that sent or received one of the ids, with who
-- may write to it (its customer's address and, for a tenant's ticket, whether the sender is one of
-- its members). The caller decides, as for the subject token.
create function support_thread_by_email_ids(p_ids text[], p_sender text)
    returns table (tenant_id uuid, ticket_id uuid, customer_email text, sender_is_member boolean)
    language sql stable security definer set search_path = public
    as $$
        select e.tenant_id, e.ticket_id, t.customer_email,
               exists (select 1 from tenant_users tu where tu.tenant_id = e.tenant_id
                       and lower(tu.email) = lower(p_sender))
        from support_email_ids e
        join support_tickets t on t.tenant_id = e.tenant_id and t.id = e.ticket_id
        where e.message_id = any (p_ids)
        order by e.seq desc
        limit 1
    $$;
revoke all on function support_thread_by_email_ids(text[], text) from public;
grant execute on function support_thread_by_email_ids(text[], text) to ${app_role};

-- The PenguinMails staff member whose account address sent an inbound email, if any.
create function support_staff_of_sender(p_sender text) returns table (user_id uuid, name text)
    language sql stable security definer set search_path = public
    as $$
        select u.id, u.name from users u join staff_members s on s.user_id = u.id
        where lower(u.email) = lower(p_sender) and s.is_staff
        limit 1
    $$;
revoke all on function support_staff_of_sender(text) from public;
grant execute on function support_staff_of_sender(text) to ${app_role};
