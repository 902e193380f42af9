-- System emails carry an optional HTML body, Reply-To and extra headers (Message-ID, In-Reply-To,
-- References for the support desk's threading).
alter table system_emails add column body_html text;
alter table system_emails add column reply_to text;
alter table system_emails add column headers jsonb not null default '{}'::jsonb;
