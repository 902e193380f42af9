package com.penguinmails.hub.platform.database;

import java.util.Optional;

/**
 * Where the hub's database is and which roles it uses. Closing it stops the embedded server, if
 * the hub started one.
 */
public record DatabaseEndpoint(
        String url,
        String appUser,
        String appPassword,
        String ownerUser,
        String ownerPassword,
        Optional<EmbeddedPostgresServer> embedded) implements AutoCloseable {

    public String describe() {
        return embedded.map(e -> "embedded PostgreSQL on port " + e.port() + ", data in " + e.dataDir())
                .orElse("external database " + url);
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[" + describe() + "]";
    }
}
