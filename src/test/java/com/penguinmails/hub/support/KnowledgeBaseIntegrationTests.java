package com.penguinmails.hub.support;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge base: staff-only editing, full-text search with 0–1 relevance, suggestions above the threshold. */
class KnowledgeBaseIntegrationTests extends HubIntegrationTest {

    private SignedInUser agent;
    private SignedInUser ada;
    private String word;
    private String topic;

    @BeforeEach
    void anAgentAndACustomer() {
        agent = SupportFixtures.agent(hub(), "Agent");
        ada = hub().signedInUser("Ada");
        // a made-up word per test keeps other tests' articles out of the results
        word = "zorb" + letters();
        topic = "quix" + letters() + " flarn" + letters() + " snib" + letters();
    }

    private static String letters() {
        StringBuilder s = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private JsonNode article(String title, String body, boolean published) {
        Response created = hub().post("/api/v1/support/desk/kb/articles", Map.of("title", title,
                "slug", word + "-" + UUID.randomUUID().toString().substring(0, 8), "body", body,
                "category", "technical", "published", published), agent.token());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.body();
    }

    @Test
    void onlyStaffWriteArticlesAndDraftsStayHidden() {
        assertThat(hub().post("/api/v1/support/desk/kb/articles", Map.of("title", "t", "slug", "x-" + word, "body", "b",
                "category", "general"), ada.token()).status()).isEqualTo(403);
        JsonNode draft = article(word + " draft", "Not yet " + word, false);
        assertThat(hub().get("/api/v1/support/kb/articles/" + draft.get("slug").asString(), ada.token()).status())
                .isEqualTo(404);
        assertThat(hub().get("/api/v1/support/kb/search?q=" + word, ada.token()).body()).isEmpty();
        Response published = hub().put("/api/v1/support/desk/kb/articles/" + draft.get("id").asString(), Map.of(
                "title", word + " guide", "slug", draft.get("slug").asString(), "body", "Now " + word,
                "category", "technical", "published", true), agent.token());
        assertThat(published.status()).isEqualTo(200);
        assertThat(hub().get("/api/v1/support/kb/articles/" + draft.get("slug").asString(), ada.token()).status())
                .isEqualTo(200);
        Response duplicate = hub().post("/api/v1/support/desk/kb/articles", Map.of("title", "t",
                "slug", draft.get("slug").asString(), "body", "b", "category", "general"), agent.token());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(hub().delete("/api/v1/support/desk/kb/articles/" + draft.get("id").asString(), agent.token()).status())
                .isEqualTo(204);
        assertThat(hub().get("/api/v1/support/kb/search?q=" + word, ada.token()).body()).isEmpty();
    }

    @Test
    void aSnippetIsTheTextAReaderSeesWithoutMarkdownOrHighlightMarks() {
        article(word + " in Markdown", "## Setting up " + word + "\n\nOpen **" + word + " settings** and follow "
                + "[the guide](https://help.example/" + word + ") to finish `setup`.", true);
        Response hits = hub().get("/api/v1/support/kb/search?q=" + word, ada.token());
        assertThat(hits.status()).isEqualTo(200);
        String snippet = hits.body().get(0).get("snippet").asString();
        assertThat(snippet).contains(word + " settings").contains("the guide")
                .doesNotContain("**").doesNotContain("##").doesNotContain("](").doesNotContain("https://");
    }

    @Test
    void searchRanksWithRelevanceBetweenZeroAndOne() {
        article(word + " " + topic, (word + " " + topic + ". ").repeat(6)
                + "Check the " + topic + " settings.", true);
        article("Unrelated billing article", "Invoices and payments. Mentions " + word + " once.", true);
        Response hits = hub().get("/api/v1/support/kb/search?q=" + word + "+" + topic.replace(" ", "+"), ada.token());
        assertThat(hits.status()).isEqualTo(200);
        assertThat(hits.body()).hasSize(2);
        double best = hits.body().get(0).get("score").asDouble();
        double weak = hits.body().get(1).get("score").asDouble();
        assertThat(best).isGreaterThan(weak).isLessThan(1.0).isGreaterThanOrEqualTo(0.7);
        assertThat(weak).isGreaterThan(0.0).isLessThan(0.7);
        assertThat(hits.body().get(0).get("url").asString()).startsWith("https://help.penguinmails.com/knowledge-base/");
        assertThat(hub().get("/api/v1/support/kb/search?q=%26%7C%21(", ada.token()).status()).isEqualTo(200);
    }

    @Test
    void aNewTicketGetsTheArticlesAboveTheThresholdAsAnInternalNote() {
        JsonNode strong = article(word + " " + topic, (word + " " + topic + ". ").repeat(6), true);
        article("Unrelated billing article", "Invoices and payments. Mentions " + word + " once.", true);
        UUID tenant = hub().tenantOf(ada, "Suggestions Inc");
        Response opened = hub().post("/api/v1/tenants/" + tenant + "/support/requests", Map.of("subject",
                word + " " + topic, "description", "Our " + word + " " + topic + " keeps failing.",
                "category", "technical", "complexity", "high"), ada.token());
        assertThat(opened.status()).isEqualTo(201);
        String id = opened.body().get("ticket").get("id").asString();

        JsonNode messages = hub().get("/api/v1/support/desk/tickets/" + id, agent.token()).body().get("messages");
        JsonNode note = null;
        for (JsonNode m : messages) {
            if ("auto_suggestion".equals(m.get("messageType").asString())) {
                note = m;
            }
        }
        assertThat(note).isNotNull();
        assertThat(note.get("visibility").asString()).isEqualTo("internal");
        JsonNode suggestions = note.get("metadata").get("suggestions");
        assertThat(suggestions).singleElement().satisfies(s -> {
            assertThat(s.get("slug").asString()).isEqualTo(strong.get("slug").asString());
            assertThat(s.get("relevanceScore").asDouble()).isBetween(0.7, 1.0);
            assertThat(s.get("autoSuggested").asBoolean()).isTrue();
        });
        assertThat(note.get("metadata").get("threshold").asDouble()).isEqualTo(0.7);
        // customers never see the note
        assertThat(hub().get("/api/v1/tenants/" + tenant + "/support/tickets/" + id, ada.token()).raw().body())
                .doesNotContain("auto_suggestion");
    }

    @Test
    void noArticleAboveTheThresholdMeansNoNote() {
        article("Unrelated billing article", "Invoices and payments. Mentions " + word + " once.", true);
        UUID tenant = hub().tenantOf(ada, "No Suggestions Inc");
        Response opened = hub().post("/api/v1/tenants/" + tenant + "/support/requests", Map.of("subject",
                "Problem with " + word, "description", "Something about " + word + ".", "category", "technical",
                "complexity", "high"), ada.token());
        String id = opened.body().get("ticket").get("id").asString();
        assertThat(hub().get("/api/v1/support/desk/tickets/" + id, agent.token()).raw().body())
                .doesNotContain("auto_suggestion");
    }

    @Test
    void aTicketGetsAtMostThreeSuggestionsTheBestFirst() {
        // four articles above the threshold, each denser in the ticket's words than the one before
        java.util.List<String> slugs = new java.util.ArrayList<>();
        for (int repeats = 6; repeats <= 9; repeats++) {
            slugs.add(article(word + " " + topic + " " + repeats, (word + " " + topic + ". ").repeat(repeats), true)
                    .get("slug").asString());
        }
        article("Unrelated billing article", "Invoices and payments. Mentions " + word + " once.", true);
        String subject = word + " " + topic;
        String description = "Our " + word + " " + topic + " keeps failing.";

        // all four are strong enough on their own: only the cap can leave one out
        Response search = hub().get("/api/v1/support/kb/search?limit=10&q=" + java.net.URLEncoder.encode(
                subject + " " + description, java.nio.charset.StandardCharsets.UTF_8), ada.token());
        assertThat(search.status()).isEqualTo(200);
        java.util.List<String> strong = new java.util.ArrayList<>();
        search.body().forEach(h -> {
            if (h.get("score").asDouble() >= 0.7) {
                strong.add(h.get("slug").asString());
            }
        });
        assertThat(strong).containsExactlyInAnyOrderElementsOf(slugs);

        UUID tenant = hub().tenantOf(ada, "Many Suggestions Inc");
        Response opened = hub().post("/api/v1/tenants/" + tenant + "/support/requests", Map.of("subject", subject,
                "description", description, "category", "technical", "complexity", "high"), ada.token());
        assertThat(opened.status()).isEqualTo(201);
        String id = opened.body().get("ticket").get("id").asString();
        JsonNode note = null;
        for (JsonNode m : hub().get("/api/v1/support/desk/tickets/" + id, agent.token()).body().get("messages")) {
            if ("auto_suggestion".equals(m.get("messageType").asString())) {
                assertThat(note).as("one suggestion note").isNull();
                note = m;
            }
        }
        assertThat(note).isNotNull();
        JsonNode suggestions = note.get("metadata").get("suggestions");
        assertThat(suggestions).hasSize(3);
        java.util.List<String> suggested = new java.util.ArrayList<>();
        java.util.List<Double> scores = new java.util.ArrayList<>();
        suggestions.forEach(s -> {
            suggested.add(s.get("slug").asString());
            scores.add(s.get("relevanceScore").asDouble());
        });
        assertThat(suggested).containsExactly(slugs.get(3), slugs.get(2), slugs.get(1));
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder()).allSatisfy(score ->
                assertThat(score).isBetween(0.7, 1.0));
        assertThat(scores.get(0)).isGreaterThan(scores.get(2));
    }
}
