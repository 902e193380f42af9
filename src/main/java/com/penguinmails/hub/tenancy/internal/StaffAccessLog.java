package com.penguinmails.hub.tenancy.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.hub.platform.database.SqlValues;

/** Records each request PenguinMails staff make to a tenant they are not a member of. */
@Repository
public class StaffAccessLog {

    private static final String INSERT = """
            insert into staff_access_log (tenant_id, id, staff_user_id, method, path, client_address, accessed_at)
            values (:tenant, :id, :staff, :method, :path, :address, :now)""";

    private final JdbcClient jdbc;

    StaffAccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(UUID tenantId, UUID staffUserId, String method, String path, String address, Instant now) {
        jdbc.sql(INSERT).param("tenant", tenantId).param("id", UUID.randomUUID()).param("staff", staffUserId)
                .param("method", method).param("path", path).param("address", address)
                .param("now", SqlValues.timestamp(now)).update();
    }
}
