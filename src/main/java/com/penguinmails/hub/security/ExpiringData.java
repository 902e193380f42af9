package com.penguinmails.hub.security;

import java.time.Duration;
import java.util.Optional;

/**
 * A table whose rows expire, such as raw provider payloads. Declare one bean per table; the retention
 * job deletes, across all tenants, the rows whose registered timestamp column is older than the
 * retention. The table must also be registered by the migration that creates it:
 * {@code insert into retention_tables (table_name, timestamp_column) values ('raw_events', 'received_at');}
 * (the database refuses to purge anything not registered there).
 */
public interface ExpiringData {

    /** The table's name, as registered in {@code retention_tables}. */
    String table();

    /** How long rows are kept; empty means {@code hub.security.raw-payload-retention}. */
    default Optional<Duration> retention() {
        return Optional.empty();
    }
}
