-- A message may be sent from a connected mailbox (Gmail, Microsoft 365) instead of an ESP.
alter table email_messages add column oauth_connection_id uuid;
