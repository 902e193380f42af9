package com.penguinmails.hub.platform.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Starts every transaction by handing the thread's {@link TenantScope} to PostgreSQL. The settings
 * are transaction-local ({@code is_local = true}), so they vanish at commit or rollback and a pooled
 * connection never carries one tenant's scope into another's work.
 */
public class TenantAwareTransactionManager extends JdbcTransactionManager {

    private static final String APPLY_SCOPE = """
            select set_config('nile.tenant_id', ?, true), set_config('hub.user_id', ?, true)""";

    public TenantAwareTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        try (PreparedStatement statement = connection.prepareStatement(APPLY_SCOPE)) {
            statement.setString(1, TenantScope.tenantId().map(UUID::toString).orElse(""));
            statement.setString(2, TenantScope.userId().map(UUID::toString).orElse(""));
            statement.execute();
        }
    }
}
