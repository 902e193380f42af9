package com.penguinmails.hub.security;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields an audited action changed, in the order given. A plain field keeps its old and new
 * value ({@code {"status": {"old": "active", "new": "paused"}}}); a {@link #secret secret} field keeps
 * only its name ({@code {"credentials": {"secret": true}}}), so no secret ever reaches the log.
 * Values must be JSON-friendly (strings, numbers, booleans, lists, maps, null).
 */
public final class AuditChanges {

    private final Map<String, Map<String, Object>> fields = new LinkedHashMap<>();

    private AuditChanges() {
    }

    public static AuditChanges none() {
        return new AuditChanges();
    }

    /** A field that changed from {@code oldValue} to {@code newValue} (either may be null). */
    public AuditChanges field(String name, Object oldValue, Object newValue) {
        Map<String, Object> change = new HashMap<>();
        change.put("old", oldValue);
        change.put("new", newValue);
        fields.put(name, change);
        return this;
    }

    /** A field that was set for the first time. */
    public AuditChanges added(String name, Object newValue) {
        return field(name, null, newValue);
    }

    /** A secret field that changed: only its name is recorded, never a value. */
    public AuditChanges secret(String name) {
        fields.put(name, Map.of("secret", true));
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public Map<String, Map<String, Object>> asMap() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return "AuditChanges" + fields.keySet();
    }
}
