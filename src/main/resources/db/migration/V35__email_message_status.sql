-- A message's own status follows its recipients' (queued -> sent -> deferred | delivered | dropped |
-- bounced | failed, the most advanced recipient wins; see README "Status"). A recipient may carry why
-- it ended where it is (e.g. suppressed after the message was queued). Events the provider sends
-- without the hub's message id are matched by the campaign and recipient ids the hub attached.
alter table email_messages drop constraint email_messages_status_check;
alter table email_messages add constraint email_messages_status_check
    check (status in ('queued', 'sent', 'deferred', 'delivered', 'dropped', 'bounced', 'failed'));
alter table email_messages add column status_at timestamptz;
update email_messages set status_at = coalesce(sent_at, created_at);

alter table email_recipients add column status_reason text check (char_length(status_reason) <= 500);

create index email_messages_campaign_recipient on email_messages (tenant_id, campaign_id, recipient_id)
    where campaign_id is not null and recipient_id is not null;
