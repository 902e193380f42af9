-- A thread reads in the order its messages were written: a reply and the status change it caused
-- share one instant, so the instant alone does not order them.
alter table support_messages add column seq bigint generated always as identity;
