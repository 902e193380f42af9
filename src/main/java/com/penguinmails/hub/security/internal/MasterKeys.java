package com.penguinmails.hub.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keys this node knows, by id; the first is active (new data keys are wrapped with it),
 * the others only unwrap data keys not yet re-wrapped. Rotation: put a new key first, re-wrap
 * ({@code POST /api/v1/admin/keyring/rewrap}), then remove the old key.
 */
final class MasterKeys {

    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKey> keys;
    private final String activeId;

    MasterKeys(Map<String, SecretKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("No master key configured");
        }
        this.keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.activeId = keys.keySet().iterator().next();
    }

    String activeId() {
        return activeId;
    }

    SecretKey active() {
        return keys.get(activeId);
    }

    Optional<SecretKey> byId(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    List<String> ids() {
        return new ArrayList<>(keys.keySet());
    }

    /** Parses {@code id:base64} entries separated by commas or new lines; {@code #} starts a comment. */
    static MasterKeys parse(String text) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        List<String> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            int comment = line.indexOf('#');
            entries.addAll(List.of((comment < 0 ? line : line.substring(0, comment)).split(",")));
        }
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "k1" : entry.substring(0, colon);
            String material = colon < 0 ? entry : entry.substring(colon + 1);
            if (!ID.matcher(id).matches()) {
                throw new IllegalStateException("Master key ids are 1-32 letters, digits, '-' or '_'");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(material.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Master key " + id + " is not valid base64");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("Master key " + id + " must be 32 bytes (256 bits), not " + bytes.length);
            }
            if (keys.put(id, new SecretKeySpec(bytes, "AES")) != null) {
                throw new IllegalStateException("Master key id " + id + " appears twice");
            }
        }
        return new MasterKeys(keys);
    }

    static MasterKeys load(SecurityProperties.Keyring properties, Optional<Path> embeddedDefault) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return parse(properties.masterKey());
        }
        Path configured = properties.keyFile() == null || properties.keyFile().toString().isBlank()
                ? null : properties.keyFile();
        Path file = configured != null ? configured : embeddedDefault.orElse(null);
        if (file == null) {
            throw new IllegalStateException("No master key: set HUB_MASTER_KEY or HUB_MASTER_KEY_FILE "
                    + "(generate one with: head -c 32 /dev/urandom | base64)");
        }
        try {
            if (!Files.exists(file)) {
                if (configured != null) {
                    throw new IllegalStateException("Master key file " + file + " does not exist");
                }
                create(file);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "# PenguinMails hub master keys: id:base64, the first is active. Back this file up.\n"
                + "k1:" + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the folder's own protection applies
        }
        log.warn("Created a new master key in {}: every stored secret depends on it, back it up", file.toAbsolutePath());
    }
}
