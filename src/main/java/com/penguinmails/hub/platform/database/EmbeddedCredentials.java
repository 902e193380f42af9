package com.penguinmails.hub.platform.database;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The passwords of the embedded PostgreSQL's three roles: the superuser {@code postgres}, the owner
 * and the application role. Generated on first start and kept in {@code <data folder>.credentials}
 * beside the master key, readable by the file's owner only; every role signs in with
 * scram-sha-256, and no connection is trusted without a password.
 */
public record EmbeddedCredentials(String superuser, String owner, String app) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The file that holds the passwords of the embedded database kept in {@code dataDir}. */
    public static Path fileFor(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".credentials");
    }

    /** Reads the passwords of {@code dataDir}'s database, or creates them when there are none yet. */
    static EmbeddedCredentials loadOrCreate(Path dataDir) {
        Path file = fileFor(dataDir);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            if (Files.exists(dataDir.resolve("PG_VERSION"))) {
                throw new IllegalStateException("The embedded database in " + dataDir + " has no credentials file "
                        + file + ": its roles' passwords are unknown. Restore the file from a backup, or move the data "
                        + "folder aside to start with a new database");
            }
            EmbeddedCredentials created = new EmbeddedCredentials(generate(), generate(), generate());
            created.write(file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the embedded database's credentials in " + file, e);
        }
    }

    /** Reads the passwords written for {@code dataDir}'s database (for tools and tests that connect to it). */
    public static EmbeddedCredentials read(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        String superuser = p.getProperty("postgres");
        String owner = p.getProperty("owner");
        String app = p.getProperty("app");
        if (superuser == null || owner == null || app == null) {
            throw new IllegalStateException("The credentials file " + file + " lacks one of postgres, owner, app");
        }
        return new EmbeddedCredentials(superuser, owner, app);
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String text = """
                # Passwords of the hub's embedded PostgreSQL roles (scram-sha-256). Keep with the master key.
                # postgres: the superuser; owner: owns the schema (hub.db.owner-username); app: the application role
                postgres=%s
                owner=%s
                app=%s
                """.formatted(superuser, owner, app);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temporary, "", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        ownerOnly(temporary);
        Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A file for initdb's {@code --pwfile}: the superuser's password, owner-only, deleted by the caller. */
    Path superuserPasswordFile(Path folder) throws IOException {
        Path file = Files.createTempFile(folder, "pwfile-", "");
        ownerOnly(file);
        Files.writeString(file, superuser + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the folder's own protection applies
        }
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[***]";
    }
}
