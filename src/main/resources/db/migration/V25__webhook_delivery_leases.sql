-- The claim counts each endpoint's leased deliveries on every call; with a deep backlog the
-- pending-rows index made that a scan of every pending row of every endpoint. Leased rows are the
-- few with a lock set (a success, retry or postponement clears it), so this index holds only those.
create index webhook_deliveries_leased on webhook_deliveries (tenant_id, endpoint_id)
    where state = 'pending' and locked_until is not null;
