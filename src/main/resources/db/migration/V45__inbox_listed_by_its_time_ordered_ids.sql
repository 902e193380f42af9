-- The inbox is listed newest first by its ids, which are time ordered: since V44 the hub makes each
-- event's id (a version 7 UUID) from the millisecond its request arrived, and V38 to V43 made them
-- from the moment of the insert. The index on (tenant, received_at, id) that served the listing cost
-- every stored event one more index entry (about a tenth of the database's work per stored batch
-- event, docs/BENCHMARKS.md); the primary key (tenant, id) now serves the listing instead.
--
-- Events stored before V38 have random ids. They are given time-ordered ids made from their arrival
-- time, so that they take their place in the listing. Nothing else in the hub keeps an inbox event's
-- id (the email module's suppressions name email event ids, the billing module Stripe's ids); an
-- operator's bookmarked link to such an old event stops working, and its audit entries keep the old id.
--
-- The id function of V38, made from the moment of the call, has had no caller since V44 (the hub makes
-- the ids); its one-argument successor here makes them from a given time.
drop function hub_time_ordered_uuid();

create function hub_time_ordered_uuid(p_at timestamptz) returns uuid
    language sql volatile parallel safe
    as $$
        select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                      placing substring(int8send(floor(extract(epoch from p_at) * 1000)::bigint) from 3)
                      from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
    $$;

update webhook_inbox set id = hub_time_ordered_uuid(received_at)
where substr(id::text, 15, 1) <> '7';

drop index webhook_inbox_listing;
