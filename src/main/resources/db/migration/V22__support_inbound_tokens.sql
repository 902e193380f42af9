-- Mailgun signs only timestamp and token, not the body: a signed token may carry one email only
-- (its retries included), or a captured signature could carry a forged email within the replay window.
create table support_inbound_tokens (
    token        text primary key,
    message_key  text not null,
    seen_at      timestamptz not null
);
create index support_inbound_tokens_seen on support_inbound_tokens (seen_at);
grant select, insert, delete on support_inbound_tokens to ${app_role};
