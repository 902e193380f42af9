package com.penguinmails.hub.integration.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.hub.integration.AuthenticationMethod;
import com.penguinmails.hub.integration.IntegrationCategory;
import com.penguinmails.hub.integration.IntegrationStatus;
import com.penguinmails.hub.platform.database.SqlValues;

/** The {@code integrations} table; every statement runs under its transaction's tenant. */
@Repository
class Integrations {

    private static final String INSERT = """
            insert into integrations (tenant_id, id, name, category, provider, status, status_reason, status_changed_at,
                                      authentication, configuration, endpoints, webhooks, rate_limits, error_handling,
                                      monitoring, caching, version, created_at, updated_at)
            values (:tenant, :id, :name, :category, :provider, :status, :reason, :statusAt, :authentication,
                    cast(:configuration as jsonb), cast(:endpoints as jsonb), cast(:webhooks as jsonb),
                    cast(:rateLimits as jsonb), cast(:errorHandling as jsonb), cast(:monitoring as jsonb),
                    cast(:caching as jsonb), 1, :now, :now)""";
    private static final String UPDATE = """
            update integrations set name = :name, category = :category, authentication = :authentication,
                   configuration = cast(:configuration as jsonb), endpoints = cast(:endpoints as jsonb),
                   webhooks = cast(:webhooks as jsonb), rate_limits = cast(:rateLimits as jsonb),
                   error_handling = cast(:errorHandling as jsonb), monitoring = cast(:monitoring as jsonb),
                   caching = cast(:caching as jsonb),
                   version = version + 1, updated_at = :now
            where tenant_id = :tenant and id = :id""";
    private static final String SET_STATUS = """
            update integrations set status = :status, status_reason = :reason, status_changed_at = :now,
                   version = version + 1, updated_at = :now
            where tenant_id = :tenant and id = :id and status = :from""";
    private static final String BY_ID = "select * from integrations where tenant_id = :tenant and id = :id";
    private static final String BY_ID_FOR_UPDATE = BY_ID + " for update";
    private static final String LIST = """
            select * from integrations where tenant_id = :tenant
              and (cast(:category as text) is null or category = :category)
              and (cast(:provider as text) is null or provider = :provider)
              and (cast(:status as text) is null or status = :status)
            order by name, id""";
    private static final String DELETE = "delete from integrations where tenant_id = :tenant and id = :id";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Integrations(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Integration i) {
        bindBody(jdbc.sql(INSERT), i)
                .param("provider", i.provider())
                .param("status", i.status().value())
                .param("reason", i.statusReason())
                .param("statusAt", SqlValues.timestamp(i.statusChangedAt()))
                .param("now", SqlValues.timestamp(i.createdAt()))
                .update();
    }

    void update(Integration i) {
        bindBody(jdbc.sql(UPDATE), i).param("now", SqlValues.timestamp(i.updatedAt())).update();
    }

    /** Changes the status only if it is still {@code from}; false when someone changed it first. */
    boolean changeStatus(UUID tenantId, UUID id, IntegrationStatus from, IntegrationStatus to, String reason,
                         java.time.Instant now) {
        return jdbc.sql(SET_STATUS).param("tenant", tenantId).param("id", id).param("from", from.value())
                .param("status", to.value()).param("reason", reason).param("now", SqlValues.timestamp(now))
                .update() == 1;
    }

    Optional<Integration> find(UUID tenantId, UUID id) {
        return jdbc.sql(BY_ID).param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    Optional<Integration> lock(UUID tenantId, UUID id) {
        return jdbc.sql(BY_ID_FOR_UPDATE).param("tenant", tenantId).param("id", id).query(this::map).optional();
    }

    List<Integration> list(UUID tenantId, String category, String provider, String status) {
        return jdbc.sql(LIST).param("tenant", tenantId).param("category", category).param("provider", provider)
                .param("status", status).query(this::map).list();
    }

    boolean delete(UUID tenantId, UUID id) {
        return jdbc.sql(DELETE).param("tenant", tenantId).param("id", id).update() == 1;
    }

    private JdbcClient.StatementSpec bindBody(JdbcClient.StatementSpec spec, Integration i) {
        return spec.param("tenant", i.tenantId()).param("id", i.id()).param("name", i.name())
                .param("category", i.category().value()).param("authentication", i.authentication().value())
                .param("configuration", json.writeValueAsString(i.configuration()))
                .param("endpoints", json.writeValueAsString(i.endpoints()))
                .param("webhooks", json.writeValueAsString(i.webhooks()))
                .param("rateLimits", json.writeValueAsString(i.rateLimits()))
                .param("errorHandling", json.writeValueAsString(i.errorHandling()))
                .param("monitoring", json.writeValueAsString(i.monitoring()))
                .param("caching", json.writeValueAsString(i.caching()));
    }

    private Integration map(ResultSet rs, int row) throws SQLException {
        return new Integration(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getString("name"), IntegrationCategory.of(rs.getString("category")), rs.getString("provider"),
                IntegrationStatus.of(rs.getString("status")), rs.getString("status_reason"),
                SqlValues.instant(rs, "status_changed_at"), AuthenticationMethod.of(rs.getString("authentication")),
                json.readValue(rs.getString("configuration"), new TypeReference<>() { }),
                json.readValue(rs.getString("endpoints"), new TypeReference<>() { }),
                json.readValue(rs.getString("webhooks"), new TypeReference<>() { }),
                json.readValue(rs.getString("rate_limits"), IntegrationSettings.RateLimits.class),
                json.readValue(rs.getString("error_handling"), IntegrationSettings.ErrorHandling.class),
                json.readValue(rs.getString("monitoring"), IntegrationSettings.Monitoring.class),
                json.readValue(rs.getString("caching"), IntegrationSettings.Caching.class),
                rs.getLong("version"), SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"));
    }
}
