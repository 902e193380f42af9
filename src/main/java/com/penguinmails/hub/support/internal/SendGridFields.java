package com.penguinmails.hub.support.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a SendGrid inbound-parse post, each decoded in the charset SendGrid declares for it in the
 * {@code charsets} field (e.g. {@code {"subject":"ISO-8859-1","text":"iso-8859-1"}}): the servlet container
 * would read every part as UTF-8, turning a Latin-1 subject into replacement characters. Files are left out;
 * a field with no declared (or an unknown) charset is read as UTF-8.
 */
final class SendGridFields {

    private static final int MAX_FIELD_BYTES = 20_000_000;

    private SendGridFields() {
    }

    static Map<String, String> of(HttpServletRequest request, Map<String, String> decodedByContainer, JsonMapper json) {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return decodedByContainer;
        }
        Map<String, Charset> charsets = charsets(decodedByContainer.get("charsets"), json);
        Map<String, String> fields = new HashMap<>(decodedByContainer);
        try {
            for (Part part : request.getParts()) {
                if (part.getSubmittedFileName() != null || !charsets.containsKey(part.getName())) {
                    continue;
                }
                try (InputStream in = part.getInputStream()) {
                    fields.put(part.getName(), new String(in.readNBytes(MAX_FIELD_BYTES), charsets.get(part.getName())));
                }
            }
        } catch (IOException | ServletException | IllegalStateException e) {
            throw new InboundEmailParser.NotAnEmail("The multipart body could not be read again");
        }
        return fields;
    }

    private static Map<String, Charset> charsets(String declared, JsonMapper json) {
        Map<String, Charset> charsets = new HashMap<>();
        if (declared == null || declared.isBlank()) {
            return charsets;
        }
        try {
            JsonNode names = json.readTree(declared);
            names.properties().forEach(field -> charsets.put(field.getKey(), charset(field.getValue().asString(""))));
        } catch (RuntimeException malformed) {
            return charsets; // SendGrid's own field; without it every field stays UTF-8
        }
        return charsets;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
