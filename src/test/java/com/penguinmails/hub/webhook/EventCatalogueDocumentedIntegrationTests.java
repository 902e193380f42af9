package com.penguinmails.hub.webhook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's outbound event table lists exactly the types the running catalogue registers. */
class EventCatalogueDocumentedIntegrationTests extends HubIntegrationTest {

    @Test
    void theReadmeTableListsEveryRegisteredEventTypeAndNoOther() throws Exception {
        Response catalogue = hub().get("/api/v1/webhook-event-types", hub().signedInUser("Reader").token());
        assertThat(catalogue.status()).isEqualTo(200);
        Set<String> registered = new TreeSet<>();
        catalogue.body().get("eventTypes").forEach(type -> registered.add(type.get("type").asString()));

        List<String> readme = Files.readAllLines(Path.of("README.md"));
        int start = -1;
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).contains("Today's catalogue:")) {
                start = i;
                break;
            }
        }
        assertThat(start).as("the README's catalogue paragraph").isNotNegative();
        Set<String> documented = new TreeSet<>();
        Pattern type = Pattern.compile("`([a-z_]+\\.[a-z_]+)`");
        for (int i = start + 1; i < readme.size(); i++) {
            String line = readme.get(i);
            if (line.isBlank() && !documented.isEmpty()) {
                break;
            }
            if (line.startsWith("| `")) {
                Matcher m = type.matcher(line.split("\\|")[1]);
                while (m.find()) {
                    documented.add(m.group(1));
                }
            }
        }
        assertThat(documented).isEqualTo(registered);
    }
}
