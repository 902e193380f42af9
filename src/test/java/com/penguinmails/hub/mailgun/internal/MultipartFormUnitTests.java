package com.penguinmails.hub.mailgun.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Mailgun form body, read back by an independent MIME parser (Apache Mime4j). */
class MultipartFormUnitTests {

    @Test
    void everyFieldReadsBackInOrderWithItsExactValue() throws IOException {
        MultipartForm form = new MultipartForm()
                .add("from", "Ada Lovelace <ada@example.com>")
                .add("to", "grace@example.com")
                .add("to", "émile@example.com")
                .add("subject", null) // absent: not sent
                .add("text", "Line one\r\n--not-a-boundary\r\nLine three ✓")
                .add("v:campaign_id", "");

        List<Map.Entry<String, String>> fields = parse(form);

        assertThat(fields).containsExactly(Map.entry("from", "Ada Lovelace <ada@example.com>"),
                Map.entry("to", "grace@example.com"), Map.entry("to", "émile@example.com"),
                Map.entry("text", "Line one\r\n--not-a-boundary\r\nLine three ✓"), Map.entry("v:campaign_id", ""));
    }

    @Test
    void aNameCannotCloseItsQuotesOrStartANewHeader() throws IOException {
        MultipartForm form = new MultipartForm().add("h:X-Evil\"; name=\"to\r\nX-Injected: 1", "value");

        String body = new String(form.toByteArray(), StandardCharsets.UTF_8);

        assertThat(body).contains("name=\"h:X-Evil%22; name=%22to%0D%0AX-Injected: 1\"").doesNotContain("\r\nX-Injected");
        assertThat(parse(form)).hasSize(1);
    }

    @Test
    void eachFormHasItsOwnUnpredictableBoundary() {
        String first = new MultipartForm().contentType();
        String second = new MultipartForm().contentType();

        assertThat(first).startsWith("multipart/form-data; boundary=hub-").hasSize(
                "multipart/form-data; boundary=hub-".length() + 48);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anEmptyFormIsOnlyTheClosingDelimiter() {
        MultipartForm form = new MultipartForm();
        String boundary = form.contentType().substring(form.contentType().indexOf('=') + 1);

        assertThat(new String(form.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("--" + boundary + "--\r\n");
    }

    private static List<Map.Entry<String, String>> parse(MultipartForm form) throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(("Content-Type: " + form.contentType() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        whole.writeBytes(form.toByteArray());
        Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(whole.toByteArray()));
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (var part : ((Multipart) message.getBody()).getBodyParts()) {
            Field disposition = part.getHeader().getField("Content-Disposition");
            String raw = disposition.getBody();
            String name = raw.substring(raw.indexOf("name=\"") + 6, raw.lastIndexOf('"'));
            assertThat(part.getMimeType()).isEqualTo("text/plain");
            assertThat(part.getCharset()).isEqualToIgnoringCase("UTF-8");
            String value = new String(((TextBody) part.getBody()).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            fields.add(Map.entry(name, value));
        }
        return fields;
    }
}
