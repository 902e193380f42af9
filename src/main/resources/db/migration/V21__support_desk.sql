-- The support desk: tickets, their messages and the Message-IDs that thread email replies, SLA
-- events, satisfaction ratings, routing decisions, the knowledge base and the desk's settings.
--
-- Storage model. A ticket belongs to the tenant of the customer who raised it, so the tenant's users
-- read it through the usual tenant_isolation policy. A ticket from someone with no account (an
-- email-only sender) belongs to the platform pseudo-tenant 00000000-0000-0000-0000-000000000000, the
-- same id the webhook inbox uses for the platform's own accounts: no user is ever a member of it, so
-- only the desk sees those tickets. The desk is PenguinMails staff: a second, permissive policy
-- (desk_staff) lets a transaction whose hub.user_id is a row of staff_members read and change every
-- ticket, checked by the database against staff_members, not by the application. Workers that have
-- no user (inbound email, the SLA job) find rows across tenants through the SECURITY DEFINER
-- functions below and then work inside the ticket's own tenant.

create function hub_current_user_is_staff() returns boolean
    language sql stable parallel safe
    as $$ select exists (select 1 from staff_members s where s.user_id = hub_current_user() and s.is_staff) $$;

create sequence support_ticket_number_seq;

create table support_tickets (
    tenant_id               uuid not null,
    id                      uuid not null,
    number                  bigint not null,
    subject                 text not null check (char_length(subject) between 1 and 998),
    description             text not null,
    customer_email          text not null check (char_length(customer_email) between 3 and 320),
    customer_name           text,
    user_id                 uuid,
    priority                text not null check (priority in ('low', 'normal', 'high', 'urgent')),
    category                text not null check (char_length(category) between 1 and 64),
    channel                 text not null check (channel in ('web', 'email', 'api')),
    status                  text not null check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    assignee_id             uuid,
    tags                    text[] not null default '{}',
    metadata                jsonb not null default '{}'::jsonb,
    routing_rule            text,
    routing_reason          text,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    first_responded_at      timestamptz,
    solved_at               timestamptz,
    closed_at               timestamptz,
    first_response_due_at   timestamptz not null,
    resolution_due_at       timestamptz not null,
    paused_since            timestamptz,
    paused_seconds          bigint not null default 0,
    sla_next_check_at       timestamptz,
    primary key (tenant_id, id)
);
create unique index support_tickets_number on support_tickets (number);
create index support_tickets_queue on support_tickets (status, created_at desc);
create index support_tickets_tenant_created on support_tickets (tenant_id, created_at desc);
create index support_tickets_created on support_tickets (created_at);
create index support_tickets_sla on support_tickets (sla_next_check_at) where sla_next_check_at is not null;

create table support_messages (
    tenant_id           uuid not null,
    id                  uuid not null,
    ticket_id           uuid not null,
    author_type         text not null check (author_type in ('customer', 'agent', 'system')),
    author_user_id      uuid,
    author_email        text,
    author_name         text,
    visibility          text not null check (visibility in ('public', 'internal')),
    message_type        text not null check (message_type in ('comment', 'auto_suggestion', 'system')),
    channel             text not null check (channel in ('web', 'email', 'api', 'system')),
    body                text not null,
    metadata            jsonb not null default '{}'::jsonb,
    time_spent_seconds  integer not null default 0 check (time_spent_seconds >= 0),
    created_at          timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, ticket_id) references support_tickets (tenant_id, id) on delete cascade
);
create index support_messages_ticket on support_messages (tenant_id, ticket_id, created_at);

-- Every Message-ID the desk sent (confirmations, replies) or received (inbound email), so replies
-- thread by In-Reply-To / References. Unique across tenants: a provider's retry of the same email is
-- recognised and changes nothing.
create table support_email_ids (
    tenant_id    uuid not null,
    message_id   text not null check (char_length(message_id) between 1 and 998),
    ticket_id    uuid not null,
    direction    text not null check (direction in ('sent', 'received')),
    created_at   timestamptz not null,
    seq          bigint generated always as identity,
    primary key (tenant_id, message_id),
    foreign key (tenant_id, ticket_id) references support_tickets (tenant_id, id) on delete cascade
);
create unique index support_email_ids_message on support_email_ids (message_id);

-- One row per ticket, SLA target and kind: the unique key makes a warning and a breach happen once.
create table support_sla_events (
    tenant_id    uuid not null,
    ticket_id    uuid not null,
    target       text not null check (target in ('first_response', 'resolution')),
    kind         text not null check (kind in ('warning', 'breach')),
    due_at       timestamptz not null,
    occurred_at  timestamptz not null,
    primary key (tenant_id, ticket_id, target, kind),
    foreign key (tenant_id, ticket_id) references support_tickets (tenant_id, id) on delete cascade
);
create index support_sla_events_occurred on support_sla_events (occurred_at);

create table support_satisfaction (
    tenant_id    uuid not null,
    ticket_id    uuid not null,
    rating       smallint not null check (rating between 1 and 5),
    comment      text check (char_length(comment) <= 5000),
    rated_at     timestamptz not null,
    primary key (tenant_id, ticket_id),
    foreign key (tenant_id, ticket_id) references support_tickets (tenant_id, id) on delete cascade
);

-- Every support request (support button, help form, inbound email): what the routing rules decided
-- and why, and whether it became a ticket. Requests sent to the help center first that never
-- became a ticket are the knowledge base's deflections.
create table support_requests (
    tenant_id      uuid not null,
    id             uuid not null,
    user_id        uuid,
    source         text not null,
    category       text,
    complexity     text,
    customer_tier  text,
    channel        text not null check (channel in ('ticket', 'email', 'help_center_first')),
    rule           text not null,
    reason         text not null,
    ticket_id      uuid,
    created_at     timestamptz not null,
    primary key (tenant_id, id)
);
create index support_requests_created on support_requests (created_at);

-- The knowledge base is the platform's, not a tenant's: everyone reads published articles, only
-- staff (checked by the database) write or see drafts.
create table kb_articles (
    id           uuid primary key,
    slug         text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 200),
    title        text not null check (char_length(title) between 1 and 300),
    body         text not null check (char_length(body) <= 200000),
    category     text not null check (char_length(category) between 1 and 64),
    published    boolean not null default false,
    search       tsvector generated always as (
                     setweight(to_tsvector('english', coalesce(title, '')), 'A')
                     || setweight(to_tsvector('english', coalesce(category, '')), 'B')
                     || setweight(to_tsvector('english', coalesce(body, '')), 'C')) stored,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index kb_articles_search on kb_articles using gin (search);

-- The desk's one settings row (the email-to-tickets migration mode).
create table support_settings (
    id              boolean primary key default true check (id),
    migration_mode  text not null check (migration_mode in ('email_only', 'parallel', 'tickets_first', 'tickets_only')),
    updated_at      timestamptz not null,
    updated_by      uuid
);

alter table support_tickets enable row level security;
create policy tenant_isolation on support_tickets
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy desk_staff on support_tickets
    using (hub_current_user_is_staff()) with check (hub_current_user_is_staff());

alter table support_messages enable row level security;
create policy tenant_isolation on support_messages
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy desk_staff on support_messages
    using (hub_current_user_is_staff()) with check (hub_current_user_is_staff());

alter table support_email_ids enable row level security;
create policy tenant_isolation on support_email_ids
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy desk_staff on support_email_ids
    using (hub_current_user_is_staff()) with check (hub_current_user_is_staff());

alter table support_sla_events enable row level security;
create policy tenant_isolation on support_sla_events
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy desk_staff on support_sla_events
    using (hub_current_user_is_staff()) with check (hub_current_user_is_staff());

alter table support_satisfaction enable row level security;
create policy tenant_isolation on support_satisfaction
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy desk_staff on support_satisfaction
    using (hub_current_user_is_staff()) with check (hub_current_user_is_staff());

alter table support_requests enable row level security;
create policy tenant_isolation on support_requests
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
create policy desk_staff on support_requests
    using (hub_current_user_is_staff()) with check (hub_current_user_is_staff());

alter table kb_articles enable row level security;
create policy readers on kb_articles for select using (published or hub_current_user_is_staff());
create policy staff_writes on kb_articles for all
    using (hub_current_user_is_staff()) with check (hub_current_user_is_staff());

grant select, insert, update, delete on support_tickets, support_messages, support_email_ids,
    support_sla_events, support_satisfaction, support_requests, kb_articles to ${app_role};
grant select, insert, update on support_settings to ${app_role};
grant usage, select on sequence support_ticket_number_seq to ${app_role};

-- Threading an inbound email: the ticket that sent or received any of these Message-IDs.
create function support_ticket_by_email_ids(p_ids text[]) returns table (tenant_id uuid, ticket_id uuid)
    language sql stable security definer set search_path = public
    as $$
        select e.tenant_id, e.ticket_id from support_email_ids e
        where e.message_id = any (p_ids)
        order by e.seq desc
        limit 1
    $$;
revoke all on function support_ticket_by_email_ids(text[]) from public;
grant execute on function support_ticket_by_email_ids(text[]) to ${app_role};

-- Threading by a [TKT-n] subject token: the ticket's tenant and who may write to it (the customer's
-- address and, for a tenant's ticket, whether the sender is one of its members). The caller decides.
create function support_ticket_by_number(p_number bigint, p_sender text)
    returns table (tenant_id uuid, ticket_id uuid, customer_email text, sender_is_member boolean)
    language sql stable security definer set search_path = public
    as $$
        select t.tenant_id, t.id, t.customer_email,
               exists (select 1 from tenant_users tu where tu.tenant_id = t.tenant_id
                       and lower(tu.email) = lower(p_sender))
        from support_tickets t where t.number = p_number
    $$;
revoke all on function support_ticket_by_number(bigint, text) from public;
grant execute on function support_ticket_by_number(bigint, text) to ${app_role};

-- The tenant whose member sent an inbound email (the tenant they joined first), if any.
create function support_tenant_of_sender(p_sender text) returns table (tenant_id uuid, user_id uuid)
    language sql stable security definer set search_path = public
    as $$
        select tu.tenant_id, tu.user_id from tenant_users tu
        where lower(tu.email) = lower(p_sender)
        order by tu.created_at
        limit 1
    $$;
revoke all on function support_tenant_of_sender(text) from public;
grant execute on function support_tenant_of_sender(text) to ${app_role};

-- The SLA job: claims tickets whose next SLA check is due (any node, SKIP LOCKED, leased).
create function claim_support_sla_checks(p_now timestamptz, p_lease_seconds integer, p_max integer)
    returns table (tenant_id uuid, id uuid)
    language sql volatile security definer set search_path = public
    as $$
        with due as (
            select t.tenant_id, t.id from support_tickets t
            where t.sla_next_check_at <= p_now
            order by t.sla_next_check_at
            limit p_max
            for update skip locked)
        update support_tickets t set sla_next_check_at = p_now + make_interval(secs => p_lease_seconds)
        from due where t.tenant_id = due.tenant_id and t.id = due.id
        returning t.tenant_id, t.id
    $$;
revoke all on function claim_support_sla_checks(timestamptz, integer, integer) from public;
grant execute on function claim_support_sla_checks(timestamptz, integer, integer) to ${app_role};
