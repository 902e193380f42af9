-- A system email is handed to the sending queue as a message of the system tenant (hub.email.system);
-- message_id links the two.
alter table system_emails add column message_id uuid;
