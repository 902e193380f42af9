package com.penguinmails.hub.integration.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configuration field of a provider: its name, whether it is a secret (stored sealed, answered
 * only as a hint), whether it is required, its default, and the rule its value must follow.
 */
record FieldSpec(String name, Kind kind, boolean required, Object defaultValue, Rule rule, String description) {

    enum Kind {
        TEXT, SECRET, SECRET_LIST, LIST, NUMBER;

        boolean secret() {
            return this == SECRET || this == SECRET_LIST;
        }
    }

    /** Checks a value already known to have the right JSON type; answers what is wrong, if anything. */
    @FunctionalInterface
    interface Rule {
        Optional<String> check(Object value);
    }

    static FieldSpec text(String name, boolean required, Rule rule, String description) {
        return new FieldSpec(name, Kind.TEXT, required, null, rule, description);
    }

    static FieldSpec secret(String name, boolean required, Rule rule, String description) {
        return new FieldSpec(name, Kind.SECRET, required, null, rule, description);
    }

    FieldSpec withDefault(Object value) {
        return new FieldSpec(name, kind, required, value, rule, description);
    }

    // ---- rules ----

    static Rule matches(String regex, String message) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value.toString()).matches() ? Optional.empty() : Optional.of(message);
    }

    static Rule oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return value -> allowed.contains(value.toString()) ? Optional.empty()
                : Optional.of("must be one of " + String.join(", ", values));
    }

    static final Rule ANY = value -> Optional.empty();

    static final Rule HOSTNAME = matches(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+",
            "must be a lower-case domain name");

    /** An absolute https URL; plain http only for loopback (development and tests). */
    static final Rule HTTPS_URL = value -> {
        try {
            URI uri = new URI(value.toString());
            boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            boolean ok = uri.getHost() != null && ("https".equals(uri.getScheme())
                    || ("http".equals(uri.getScheme()) && loopback)) && uri.getUserInfo() == null;
            return ok ? Optional.empty() : Optional.of("must be an absolute https URL");
        } catch (Exception e) {
            return Optional.of("must be an absolute https URL");
        }
    };

    static Rule between(double min, double max) {
        return value -> {
            BigDecimal number = new BigDecimal(value.toString());
            return number.compareTo(BigDecimal.valueOf(min)) >= 0 && number.compareTo(BigDecimal.valueOf(max)) <= 0
                    ? Optional.empty() : Optional.of("must be between " + min + " and " + max);
        };
    }

    static Rule eachMatches(String regex, String message, int min, int max) {
        Rule each = matches(regex, message);
        return value -> {
            List<?> list = (List<?>) value;
            if (list.size() < min || list.size() > max) {
                return Optional.of("must have between " + min + " and " + max + " entries");
            }
            for (Object item : list) {
                Optional<String> problem = each.check(item);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        };
    }
}
