package com.penguinmails.hub.platform.web;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses, while parsing, text that PostgreSQL could not store as given: NUL characters (which
 * {@code text} rejects) and unpaired UTF-16 surrogates (which would be silently replaced). The
 * caller gets a 400 naming the field instead of a changed value or a database error.
 */
@Component
public class StoredTextModule extends SimpleModule {

    public StoredTextModule() {
        super("stored-text");
        addDeserializer(String.class, new StoredTextDeserializer());
    }

    static final class StoredTextDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && !isStorable(value)) {
                return (String) context.handleWeirdStringValue(String.class, value,
                        "contains a NUL character or an unpaired surrogate");
            }
            return value;
        }
    }

    /** Whether the text survives a round trip through a PostgreSQL UTF-8 {@code text} column. */
    public static boolean isStorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
