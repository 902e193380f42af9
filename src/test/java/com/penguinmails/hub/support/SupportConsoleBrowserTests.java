package com.penguinmails.hub.support;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.penguinmails.hub.testkit.HeadlessChromium;
import com.penguinmails.hub.testkit.HubClient;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The desk in a real browser: an agent signs in, finds an emailed ticket in the queue and replies. */
class SupportConsoleBrowserTests extends HubIntegrationTest {

    @Test
    void anAgentFindsTheTicketInTheQueueAndReplies() {
        SignedInUser agent = SupportFixtures.agent(hub(), "Agent");
        String customer = HubClient.uniqueEmail("browser-customer");
        String subject = "Browser ticket " + UUID.randomUUID().toString().substring(0, 8);
        String base = "http://localhost:" + port;
        var opened = SupportFixtures.raw(base, SupportFixtures.rfc822("Grace <" + customer + ">", subject,
                SupportFixtures.newMessageId(), null, "My DKIM record is rejected."));
        String number = json.readTree(opened.body()).get("ticketNumber").asString();

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(base + "/console/support/");
            browser.waitFor(By.id("email")).sendKeys(agent.email());
            browser.driver().findElement(By.id("password")).sendKeys(HubClient.PASSWORD);
            browser.driver().findElement(By.id("signin-submit")).click();

            // the queue: search narrows it to our ticket
            browser.waitFor(By.id("f-q")).sendKeys(subject);
            browser.driver().findElement(By.cssSelector("#filters button[type=submit]")).click();
            browser.until(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("#queue tr")).size() == 1
                    && d.findElements(By.id("ticket-" + number)).size() == 1);
            WebElement row = browser.waitFor(By.id("ticket-" + number));
            assertThat(row.getText()).contains(subject, customer, "new", "email");
            browser.screenshot("support-queue");
            row.click();

            browser.until(Duration.ofSeconds(20), d -> d.findElement(By.id("ticket-title")).getText().contains(number));
            assertThat(browser.driver().findElement(By.id("thread")).getText()).contains("My DKIM record is rejected.");

            browser.driver().findElement(By.id("reply-body")).sendKeys("Publish the TXT record shown in Settings, then retry.");
            new Select(browser.driver().findElement(By.id("reply-status"))).selectByValue("pending");
            browser.driver().findElement(By.id("send-reply")).click();
            browser.until(Duration.ofSeconds(20), d -> d.findElement(By.id("reply-result")).getText().equals("Reply sent"));
            browser.until(Duration.ofSeconds(20), d -> d.findElement(By.id("thread")).getText()
                    .contains("Publish the TXT record shown in Settings, then retry."));
            assertThat(browser.driver().findElement(By.id("ticket-meta")).getText()).contains("Status: pending");
            browser.screenshot("support-ticket-replied");
        }

        assertThat(SupportFixtures.emailsOfKind(customer, "support_ticket_reply")).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("Re: [" + number + "] " + subject);
            assertThat(e.text()).startsWith("Publish the TXT record shown in Settings, then retry.");
        });
        var thread = hub().get("/api/v1/support/desk/tickets/by-number/" + number, agent.token()).body();
        assertThat(thread.get("ticket").get("status").asString()).isEqualTo("pending");
        assertThat(thread.get("ticket").hasNonNull("firstRespondedAt")).isTrue();
    }

    @Test
    void theReportsPageDrawsItsFiguresAndChartsAndTheEditorSavesAnArticle() {
        SignedInUser agent = SupportFixtures.agent(hub(), "Agent");
        String base = "http://localhost:" + port;
        SupportFixtures.raw(base, SupportFixtures.rfc822(HubClient.uniqueEmail("reports"), "Invoice twice",
                SupportFixtures.newMessageId(), null, "Charged twice."));
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(base + "/console/support/reports.html");
            browser.waitFor(By.id("email")).sendKeys(agent.email());
            browser.driver().findElement(By.id("password")).sendKeys(HubClient.PASSWORD);
            browser.driver().findElement(By.id("signin-submit")).click();
            browser.until(Duration.ofSeconds(20), d -> !d.findElement(By.id("fig-tickets")).getText().isBlank());
            assertThat(Long.parseLong(browser.driver().findElement(By.id("fig-tickets")).getText())).isPositive();
            browser.until(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("#chart-channel canvas")).size() == 1
                    && d.findElements(By.cssSelector("#chart-category canvas")).size() == 1);
            browser.screenshot("support-reports");

            browser.open(base + "/console/support/kb.html");
            browser.waitFor(By.id("new-article")).click();
            browser.waitFor(By.id("a-title")).sendKeys("Browser article");
            WebElement slugField = browser.driver().findElement(By.id("a-slug"));
            slugField.clear();
            slugField.sendKeys(slug);
            browser.driver().findElement(By.id("a-body")).sendKeys("# Heading\n\nWritten in the browser.");
            browser.driver().findElement(By.id("a-published")).click();
            browser.driver().findElement(By.cssSelector("#article-form button[type=submit]")).click();
            browser.until(Duration.ofSeconds(20), d -> d.findElement(By.id("article-result")).getText().equals("Saved"));
            browser.until(Duration.ofSeconds(20), d -> d.findElement(By.id("articles")).getText().contains(slug));
        }
        var article = hub().get("/api/v1/support/kb/articles/" + slug, agent.token());
        assertThat(article.status()).isEqualTo(200);
        assertThat(article.body().get("published").asBoolean()).isTrue();
    }
}
