-- Billing: Stripe Connect accounts of tenants, their payments, subscription, invoices, billing
-- profile, onboarding refresh links, and the ledger of Stripe events already applied.

-- A tenant's Express connected account. The state (charges, payouts, requirements) comes from the
-- account object and from account.updated / capability.updated events; state_at is the Stripe time
-- (event `created`) of what was last applied, so an older event never overwrites a newer state.
-- capabilities: {"card_payments": {"status": "active", "at": <epoch seconds>}, …}
create table billing_connected_accounts (
    tenant_id           uuid not null references tenants (id) on delete cascade,
    stripe_account_id   text not null check (stripe_account_id ~ '^acct_[A-Za-z0-9]{1,64}$'),
    country             text not null check (country ~ '^[A-Z]{2}$'),
    email               text not null check (char_length(email) between 3 and 254),
    livemode            boolean not null default false,
    charges_enabled     boolean not null default false,
    payouts_enabled     boolean not null default false,
    details_submitted   boolean not null default false,
    requirements_due    jsonb not null default '[]'::jsonb,
    capabilities        jsonb not null default '{}'::jsonb,
    state_at            timestamptz not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    primary key (tenant_id)
);
-- one tenant per connected account: Connect events are routed by it
create unique index billing_connected_accounts_stripe_id on billing_connected_accounts (stripe_account_id);

-- PaymentIntents made on behalf of the tenant's connected account (or reported by Stripe for it).
create table billing_payments (
    tenant_id               uuid not null references tenants (id) on delete cascade,
    payment_intent_id       text not null check (char_length(payment_intent_id) between 1 and 255),
    stripe_account_id       text,
    amount                  bigint not null check (amount >= 0),
    currency                text not null check (currency ~ '^[a-z]{3}$'),
    application_fee_amount  bigint check (application_fee_amount >= 0),
    status                  text not null check (char_length(status) between 1 and 50),
    failure_code            text,
    failure_message         text,
    invoice_id              text,
    description             text,
    state_at                timestamptz not null,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    primary key (tenant_id, payment_intent_id)
);
create index billing_payments_recent on billing_payments (tenant_id, created_at desc, payment_intent_id desc);

-- The tenant's subscription as invoices and payments report it. status_at orders updates (Stripe
-- event `created`), never their arrival.
create table billing_subscriptions (
    tenant_id               uuid not null references tenants (id) on delete cascade,
    stripe_subscription_id  text,
    status                  text not null check (status in ('active', 'past_due')),
    current_period_start    timestamptz,
    current_period_end      timestamptz,
    failed_attempts         integer not null default 0 check (failed_attempts >= 0),
    latest_invoice_id       text,
    status_at               timestamptz not null,
    updated_at              timestamptz not null,
    primary key (tenant_id)
);

-- Invoices seen in events: a paid invoice stays paid whatever arrives after.
create table billing_invoices (
    tenant_id               uuid not null references tenants (id) on delete cascade,
    invoice_id              text not null check (char_length(invoice_id) between 1 and 255),
    stripe_subscription_id  text,
    status                  text not null check (status in ('paid', 'payment_failed')),
    amount_due              bigint,
    amount_paid             bigint,
    currency                text,
    attempt_count           integer not null default 0,
    period_start            timestamptz,
    period_end              timestamptz,
    state_at                timestamptz not null,
    updated_at              timestamptz not null,
    primary key (tenant_id, invoice_id)
);

-- Who hears about billing: an explicit billing email, else the tenant's owners and admins.
create table billing_profiles (
    tenant_id      uuid not null references tenants (id) on delete cascade,
    billing_email  text check (char_length(billing_email) between 3 and 254),
    updated_at     timestamptz not null,
    primary key (tenant_id)
);

-- Stripe events already applied, by event id: a redelivery (or a requeue) changes nothing.
create table billing_stripe_events (
    tenant_id    uuid not null references tenants (id) on delete cascade,
    event_id     text not null,
    event_type   text not null,
    created      timestamptz not null,
    applied_at   timestamptz not null,
    primary key (tenant_id, event_id)
);

-- Refresh URLs handed to Stripe with each onboarding link: the browser arrives without a session,
-- so the URL carries a random token (stored as its SHA-256) that names the tenant's account.
create table billing_onboarding_tokens (
    tenant_id          uuid not null references tenants (id) on delete cascade,
    token_hash         text not null,
    stripe_account_id  text not null,
    expires_at         timestamptz not null,
    created_at         timestamptz not null,
    primary key (tenant_id, token_hash)
);
create unique index billing_onboarding_tokens_hash on billing_onboarding_tokens (token_hash);

alter table billing_connected_accounts enable row level security;
create policy tenant_isolation on billing_connected_accounts
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table billing_payments enable row level security;
create policy tenant_isolation on billing_payments
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table billing_subscriptions enable row level security;
create policy tenant_isolation on billing_subscriptions
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table billing_invoices enable row level security;
create policy tenant_isolation on billing_invoices
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table billing_profiles enable row level security;
create policy tenant_isolation on billing_profiles
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table billing_stripe_events enable row level security;
create policy tenant_isolation on billing_stripe_events
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());
alter table billing_onboarding_tokens enable row level security;
create policy tenant_isolation on billing_onboarding_tokens
    using (tenant_id = hub_current_tenant()) with check (tenant_id = hub_current_tenant());

grant select, insert, update, delete on billing_connected_accounts, billing_payments, billing_subscriptions,
    billing_invoices, billing_profiles, billing_onboarding_tokens to ${app_role};
grant select, insert on billing_stripe_events to ${app_role};

-- Connect events arrive on the platform endpoint with no tenant: the tenant is the one whose
-- connected account the event names. Owner function: it reads across tenants, answers one id.
create function billing_account_tenant(p_account text) returns uuid
    language sql stable security definer set search_path = public
    as $$ select tenant_id from billing_connected_accounts where stripe_account_id = p_account $$;
revoke all on function billing_account_tenant(text) from public;
grant execute on function billing_account_tenant(text) to ${app_role};

-- The tenant of an unexpired onboarding refresh token (the browser comes back without a session).
create function billing_onboarding_tenant(p_hash text, p_now timestamptz) returns uuid
    language sql stable security definer set search_path = public
    as $$ select tenant_id from billing_onboarding_tokens where token_hash = p_hash and expires_at > p_now $$;
revoke all on function billing_onboarding_tenant(text, timestamptz) from public;
grant execute on function billing_onboarding_tenant(text, timestamptz) to ${app_role};

-- The retention job purges spent onboarding tokens and, long after Stripe stops retrying (3 days) and
-- the inbox forgets the payloads, the ledger of applied events.
insert into retention_tables (table_name, timestamp_column) values ('billing_onboarding_tokens', 'expires_at');
insert into retention_tables (table_name, timestamp_column) values ('billing_stripe_events', 'applied_at');
