package com.penguinmails.hub.console;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import com.penguinmails.hub.monitoring.MonitoredTenant;
import com.penguinmails.hub.testkit.BrowserTest;
import com.penguinmails.hub.testkit.HubClient.Response;
import com.penguinmails.hub.testkit.HubClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages in real headless Chromium: switching tenant, the integrations list, error and
 * loading states, phone width, the configured help menu, and that no page ever shows a secret.
 */
class ConsolePagesBrowserTests extends BrowserTest {

    @Test
    void aUserWithTwoTenantsSeesTheOtherTenantsIntegrationsAfterSwitching() {
        MonitoredTenant first = new MonitoredTenant(hub(), "First Tenant");
        MonitoredTenant second = new MonitoredTenant(hub(), first.owner, "Second Tenant");
        signIn(first.owner.email());
        browser.waitFor(By.cssSelector("tr[data-integration='" + first.integration + "']"));
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-integration='" + second.integration + "']")))
                .isEmpty();

        new Select(browser.driver().findElement(By.id("tenant"))).selectByValue(second.tenant.toString());
        browser.waitFor(By.cssSelector("tr[data-integration='" + second.integration + "']"));
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-integration='" + first.integration + "']")))
                .isEmpty();
        browser.driver().findElement(By.linkText("Integrations")).click();
        browser.until(WAIT, d -> d.findElement(By.cssSelector("#view h2")).getText().equals("Integrations"));
        browser.waitFor(By.cssSelector("tr[data-integration='" + second.integration + "']"));
        assertThat(browser.driver().findElement(By.id("view")).getText()).doesNotContain(first.domain);

        // the choice holds for the tab: a reload stays in the second tenant
        browser.driver().navigate().refresh();
        browser.waitFor(By.cssSelector("tr[data-integration='" + second.integration + "']"));
        assertThat(new Select(browser.driver().findElement(By.id("tenant"))).getFirstSelectedOption().getText())
                .startsWith("Second Tenant");
    }

    @Test
    void theIntegrationsPageListsEachIntegrationsStatusAndHealth() {
        MonitoredTenant t = new MonitoredTenant(hub(), "Listed");
        t.check();
        signIn(t.owner.email());
        browser.waitFor(By.id("summary-total"));
        browser.driver().findElement(By.linkText("Integrations")).click();
        WebElement row = browser.waitFor(By.cssSelector("tr[data-integration='" + t.integration + "']"));
        assertThat(browser.driver().findElement(By.cssSelector("nav a[aria-current=page]")).getText())
                .isEqualTo("Integrations");
        List<WebElement> badges = row.findElements(By.cssSelector(".badge"));
        assertThat(badges).extracting(b -> b.getAttribute("data-status")).containsExactly("active", "healthy");
        assertThat(row.getText()).contains("Mailgun " + t.domain, "mailgun", "100%");

        // the provider fails: after a check the list says so
        t.providerAnswers(503);
        t.check();
        browser.driver().navigate().refresh();
        WebElement failing = browser.waitFor(By.cssSelector("tr[data-integration='" + t.integration + "'] .health-cell .badge"));
        assertThat(failing.getAttribute("data-status")).isEqualTo("unhealthy");
        browser.driver().findElement(By.linkText("Mailgun " + t.domain)).click();
        browser.until(WAIT, d -> "unhealthy".equals(d.findElement(By.cssSelector("#health-status .badge"))
                .getAttribute("data-status")));
    }

    @Test
    void aProblemAnsweredByTheApiShowsAsAnErrorAndASlowAnswerAsLoading() {
        MonitoredTenant t = new MonitoredTenant(hub(), "States");
        signIn(t.owner.email());
        browser.waitFor(By.id("summary-total"));

        browser.script("location.hash = arguments[0]", "#/integration/" + UUID.randomUUID());
        WebElement error = browser.waitFor(By.cssSelector("#view .error[role=alert]"));
        assertThat(error.getText()).startsWith("Could not load this integration: ").doesNotContain("HTTP");
        assertThat(browser.driver().findElement(By.linkText("Back to the integrations")).isDisplayed()).isTrue();

        // the webhook endpoints answer slowly: the page says it is loading until they come
        browser.script("""
                const realFetch = window.fetch;
                window.heldFetches = [];
                window.fetch = (url, init) => String(url).includes('/webhook-endpoints')
                  ? new Promise(resolve => window.heldFetches.push(() => resolve(realFetch(url, init))))
                  : realFetch(url, init);
                window.releaseFetches = () => { window.fetch = realFetch; window.heldFetches.splice(0).forEach(f => f()); };
                """);
        browser.driver().findElement(By.linkText("Webhooks")).click();
        WebElement loading = browser.until(WAIT, d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#view .loading[role=status]"));
            return !found.isEmpty() && found.get(0).getText().contains("webhook endpoints") ? found.get(0) : null;
        });
        assertThat(loading.isDisplayed()).isTrue();
        assertThat(((Number) browser.script("return window.heldFetches.length")).intValue()).isEqualTo(1);
        browser.script("window.releaseFetches()");
        browser.waitFor(By.cssSelector("button.show-deliveries[data-endpoint='" + t.endpoint + "']"));
        assertThat(browser.driver().findElements(By.cssSelector("#view .loading"))).isEmpty();
    }

    @Test
    void theIntegrationAlertsAndWebhooksPagesFitAPhoneWithoutScrollingSideways() {
        MonitoredTenant t = withAnAlertAndDeliveries("Phone Co");
        signIn(t.owner.email());
        browser.waitFor(By.id("summary-total"));
        browser.resize(390, 844);

        go("#/integration/" + t.integration);
        browser.waitFor(By.cssSelector("#chart-throughput .uplot canvas"));
        browser.waitFor(By.cssSelector("tr[data-type='connectivity']"));
        assertFitsThePhone("integration");

        go("#/alerts");
        browser.waitFor(By.cssSelector("tr[data-type='connectivity'][data-status='open']"));
        assertFitsThePhone("alerts");

        go("#/webhooks");
        browser.waitFor(By.cssSelector("button.show-deliveries[data-endpoint='" + t.endpoint + "']")).click();
        browser.waitFor(By.cssSelector("tr[data-message-row]"));
        assertFitsThePhone("webhooks");
    }

    @Test
    void noPageEverShowsASecret() {
        MonitoredTenant t = withAnAlertAndDeliveries("Secretive");
        List<String> secrets = List.of(t.apiKey, t.signingKey, t.webhookSecret, HubClient.PASSWORD, t.owner.token());
        signIn(t.owner.email());
        List<String> visited = new ArrayList<>();

        browser.waitFor(By.cssSelector("#chart-throughput .uplot canvas"));
        visited.add(checkNoSecret("overview", secrets));
        go("#/integrations");
        browser.waitFor(By.cssSelector("tr[data-integration='" + t.integration + "']"));
        visited.add(checkNoSecret("integrations", secrets));
        go("#/integration/" + t.integration);
        browser.waitFor(By.cssSelector("tr[data-type='connectivity']"));
        visited.add(checkNoSecret("integration", secrets));
        go("#/alerts");
        new Select(browser.waitFor(By.id("alert-filter"))).selectByValue("");
        browser.waitFor(By.cssSelector("tr[data-type='connectivity']"));
        visited.add(checkNoSecret("alerts", secrets));
        go("#/webhooks");
        browser.waitFor(By.cssSelector("button.show-deliveries[data-endpoint='" + t.endpoint + "']")).click();
        browser.waitFor(By.cssSelector("tr[data-message-row]"));
        browser.driver().findElements(By.cssSelector("#endpoint-detail details")).forEach(WebElement::click);
        visited.add(checkNoSecret("webhooks", secrets));
        browser.driver().findElement(By.id("help-button")).click();
        browser.waitFor(By.cssSelector("#help-list a"));
        visited.add(checkNoSecret("help menu", secrets));
        assertThat(visited).hasSize(6);
    }

    @Test
    void theHelpMenuShowsTheConfiguredLinks() {
        Response config = hub().get("/console/config.json", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.header("Cache-Control")).contains("no-cache");
        JsonNode links = config.body().get("helpLinks");
        assertThat(links).hasSize(2);
        assertThat(links.get(1).get("name").asString()).isEqualTo("Hub runbook");
        assertThat(links.get(1).get("url").asString()).isEqualTo("https://docs.penguinmails.test/hub/runbook");
        assertThat(links.get(1).get("category").asString()).isEqualTo("operations");
        assertThat(config.body().get("supportEmail").asString()).isEqualTo("hub-support@penguinmails.test");

        // before anyone signs in
        browser.open("http://localhost:" + port + "/console/");
        browser.script("sessionStorage.clear()");
        browser.open("http://localhost:" + port + "/console/");
        browser.waitFor(By.id("email"));
        browser.driver().findElement(By.id("help-button")).click();
        browser.waitFor(By.cssSelector("#help-list a"));
        List<WebElement> items = browser.driver().findElements(By.cssSelector("#help-list a"));
        assertThat(items).extracting(a -> a.findElement(By.className("menu-name")).getText())
                .containsExactly("Knowledge Base", "Hub runbook", "Contact support");
        assertThat(items.subList(0, 2)).extracting(a -> a.getAttribute("href"))
                .containsExactly("https://help.penguinmails.com/knowledge-base", "https://docs.penguinmails.test/hub/runbook");
        assertThat(items.get(1).getAttribute("target")).isEqualTo("_blank");
        assertThat(items.get(1).getAttribute("rel")).contains("noopener");
    }

    private MonitoredTenant withAnAlertAndDeliveries(String name) {
        MonitoredTenant t = new MonitoredTenant(hub(), name);
        t.check();
        t.providerAnswers(503);
        t.check();
        browser.until(WAIT, d -> hub().get(t.base() + "/webhook-endpoints/" + t.endpoint + "/messages", t.owner.token())
                .body().get("messages").size() >= 1);
        return t;
    }

    private String checkNoSecret(String page, List<String> secrets) {
        String dom = (String) browser.script(
                "return document.documentElement.outerHTML + '\\n' + document.body.innerText");
        for (String secret : secrets) {
            assertThat(dom).as("the %s page", page).doesNotContain(secret);
        }
        return page;
    }

    private void go(String hash) {
        browser.script("location.hash = arguments[0]", hash);
    }

    private void assertFitsThePhone(String page) {
        browser.screenshot(page + "-phone");
        // sideways scrolling exists exactly when the document is wider than its viewport (less the scrollbar)
        long overflow = ((Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
        String widest = (String) browser.script("""
                const width = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')].filter(e => !e.closest('.table-wrap')
                    && (e.getBoundingClientRect().right > width + 1 || e.scrollWidth > e.clientWidth + 1
                        && getComputedStyle(e).overflowX === 'visible'))
                  .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).slice(-3).join(', ')""");
        assertThat(overflow).as("the %s page scrolls sideways by %d px at 390 px (%s)", page, overflow, widest)
                .isLessThanOrEqualTo(1);
    }

    private void signIn(String email) {
        String console = "http://localhost:" + port + "/console/";
        browser.open(console);
        browser.script("sessionStorage.clear()");
        browser.open(console);
        browser.waitFor(By.id("email")).sendKeys(email);
        browser.driver().findElement(By.id("password")).sendKeys(HubClient.PASSWORD);
        browser.driver().findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        browser.waitFor(By.id("who"));
    }
}
