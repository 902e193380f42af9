package com.penguinmails.hub.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.penguinmails.hub.support.SupportFixtures;
import com.penguinmails.hub.testkit.BrowserTest;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient.SignedInUser;
import com.penguinmails.hub.testkit.HubClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's support button in real headless Chromium, clicked for real, in the support desk's
 * migration modes (a desk-wide setting staff change through the API; the shared context's default is
 * put back after each test). The page's mailto links are caught by a capturing click listener the
 * test installs, so the mail program is never asked and the test sees which email the page opened.
 */
class ConsoleSupportBrowserTests extends BrowserTest {

    private SignedInUser agent;
    private String modeBefore;
    private SignedInUser user;

    @BeforeEach
    void remember() {
        agent = SupportFixtures.agent(hub(), "Agent");
        Response settings = hub().get("/api/v1/support/desk/settings", agent.token());
        assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
        modeBefore = settings.body().get("migrationMode").asString();
        user = hub().signedInUser("Grace");
        hub().tenantOf(user, "Support Seekers");
    }

    @AfterEach
    void restore() {
        assertThat(hub().put("/api/v1/support/desk/settings", Map.of("migrationMode", modeBefore), agent.token())
                .status()).isEqualTo(200);
    }

    @Test
    void emailOnlyOpensTheDesksPreFilledEmailAndNoForm() {
        mode("email_only");
        signIn();
        browser.driver().findElement(By.id("support-button")).click();
        String mailto = openedMailto();
        assertThat(mailto).startsWith("mailto:support@penguinmails.com?");
        String decoded = URLDecoder.decode(mailto.replace("+", "%2B"), StandardCharsets.UTF_8);
        assertThat(decoded).contains("Support Seekers").contains(user.email()).contains("Integration Hub console");
        assertThat(browser.driver().findElement(By.id("support-dialog")).isDisplayed()).isFalse();

        // the help menu's entry does the same
        browser.driver().findElement(By.id("help-button")).click();
        browser.waitFor(By.id("help-support")).click();
        assertThat(openedMailto()).startsWith("mailto:support@penguinmails.com?");
        assertThat(browser.driver().findElement(By.id("support-dialog")).isDisplayed()).isFalse();
    }

    @Test
    void ticketsOnlyOffersTheTicketFormAndNeverAnEmail() {
        mode("tickets_only");
        signIn();
        browser.driver().findElement(By.id("support-button")).click();
        WebElement subject = browser.waitFor(By.id("support-subject"));
        assertThat(browser.driver().switchTo().activeElement()).as("focus moves into the dialog").isEqualTo(subject);
        assertThat(browser.driver().findElement(By.id("support-email")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("#support-dialog a[href^='mailto:']"))
                .stream().filter(WebElement::isDisplayed).toList()).isEmpty();

        // an empty form is not sent
        browser.driver().findElement(By.id("support-send")).click();
        assertThat(browser.driver().findElement(By.id("support-form")).isDisplayed()).isTrue();

        subject.sendKeys("Webhook endpoint keeps failing");
        browser.driver().findElement(By.id("support-description")).sendKeys(
                "Our production endpoint returns HTTP 500 for every delivery since the deploy this morning; "
                        + "the integration is critical for our billing sync and resending did not help.");
        browser.screenshot("support-ticket-form");
        browser.driver().findElement(By.id("support-send")).click();
        WebElement outcome = browser.waitFor(By.id("support-outcome"));
        assertThat(outcome.getAttribute("data-channel")).isEqualTo("ticket");
        String number = outcome.getAttribute("data-ticket");
        assertThat(outcome.getText()).contains("Ticket " + number).contains(user.email()).contains("status: new")
                .doesNotContain("is open");
        assertThat(browser.driver().findElement(By.id("support-email")).isDisplayed()).isFalse();
        assertThat(openedMailtos()).isEmpty();

        // the ticket is real, the tenant's own, filed from the console
        Response tickets = hub().get(tenantPath() + "/support/tickets", user.token());
        assertThat(tickets.status()).as(tickets.raw().body()).isEqualTo(200);
        var ticket = tickets.body().get("tickets").get(0);
        assertThat(ticket.get("number").asString()).isEqualTo(number);
        assertThat(ticket.get("subject").asString()).isEqualTo("Webhook endpoint keeps failing");
        assertThat(ticket.get("metadata").get("source").asString()).isEqualTo("console_form");

        // closing returns focus to the button
        browser.driver().findElement(By.id("support-close")).click();
        browser.until(WAIT, d -> !d.findElement(By.id("support-dialog")).isDisplayed());
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("support-button");
    }

    @Test
    void ticketsFirstOffersTheFormWithTheDesksEmailAsAFallbackAndEscapeClosesIt() {
        mode("tickets_first");
        signIn();
        browser.driver().findElement(By.id("support-button")).click();
        browser.waitFor(By.id("support-subject"));
        WebElement fallback = browser.waitFor(By.id("support-mailto"));
        assertThat(fallback.getAttribute("href")).startsWith("mailto:support@penguinmails.com?");
        fallback.click();
        assertThat(openedMailto()).isEqualTo(fallback.getAttribute("href"));

        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.until(WAIT, d -> !d.findElement(By.id("support-dialog")).isDisplayed());
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("support-button");
    }

    @Test
    void inParallelASimpleQuestionGoesToTheHelpCenterFirstAndStillNeedingHelpOpensATicket() {
        mode("parallel");
        signIn();
        browser.driver().findElement(By.id("support-button")).click();
        browser.waitFor(By.id("support-subject")).sendKeys("How do I add a colleague?");
        assertThat(browser.driver().findElement(By.id("support-mailto")).getAttribute("href"))
                .as("parallel offers the email too").startsWith("mailto:support@penguinmails.com?");
        browser.driver().findElement(By.id("support-description")).sendKeys("Just wondering how to add a colleague.");
        browser.driver().findElement(By.id("support-send")).click();
        WebElement insist = browser.until(WAIT, d -> {
            WebElement send = d.findElement(By.id("support-send"));
            return send.getText().startsWith("Still need help") ? send : null;
        });
        assertThat(browser.driver().findElement(By.id("support-result")).getText()).contains("articles");
        assertThat(browser.driver().findElements(By.id("support-outcome"))).isEmpty();

        insist.click();
        WebElement outcome = browser.waitFor(By.id("support-outcome"));
        assertThat(outcome.getAttribute("data-channel")).isEqualTo("ticket");
        var ticket = hub().get(tenantPath() + "/support/tickets", user.token()).body().get("tickets").get(0);
        assertThat(ticket.get("number").asString()).isEqualTo(outcome.getAttribute("data-ticket"));
        assertThat(ticket.get("routingRule").asString()).isEqualTo("help_center_not_enough");
        assertThat(openedMailtos()).isEmpty();
    }

    private void mode(String mode) {
        Response set = hub().put("/api/v1/support/desk/settings", Map.of("migrationMode", mode), agent.token());
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
    }

    private String tenantPath() {
        return "/api/v1/tenants/" + hub().get("/api/v1/me", user.token()).body().get("memberships").get(0)
                .get("tenantId").asString();
    }

    private void signIn() {
        String console = "http://localhost:" + port + "/console/";
        browser.open(console);
        browser.script("sessionStorage.clear()");
        browser.open(console);
        browser.waitFor(By.id("email")).sendKeys(user.email());
        browser.driver().findElement(By.id("password")).sendKeys(HubClient.PASSWORD);
        browser.driver().findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        browser.waitFor(By.id("who"));
        browser.waitFor(By.id("summary-total"));
        // the mail program is not opened: the test keeps the links the page clicks
        browser.script("window.openedMailtos = [];"
                + "document.addEventListener('click', e => { const a = e.target.closest && e.target.closest('a');"
                + " if (a && a.href.startsWith('mailto:')) { e.preventDefault(); window.openedMailtos.push(a.href); } },"
                + " true);");
    }

    @SuppressWarnings("unchecked")
    private static List<String> openedMailtos() {
        return (List<String>) browser.script("return window.openedMailtos");
    }

    /** Waits for the next mailto link the page clicked; takes it off the list. */
    private static String openedMailto() {
        return browser.until(WAIT, d -> (String) browser.script(
                "return window.openedMailtos.length ? window.openedMailtos.shift() : null"));
    }
}
