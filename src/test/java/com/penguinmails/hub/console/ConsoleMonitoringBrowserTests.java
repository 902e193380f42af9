package com.penguinmails.hub.console;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import com.penguinmails.hub.monitoring.MonitoredTenant;
import com.penguinmails.hub.testkit.BrowserTest;
import com.penguinmails.hub.testkit.HubClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in real headless Chromium against the whole hub: an operator signs in, watches a
 * Mailgun integration (a WireMock stub) turn unhealthy when the stub starts failing, sees the alert,
 * resolves it, reads the charts, the webhook deliveries and the help menu (the support button in its
 * migration modes: ConsoleSupportBrowserTests).
 */
class ConsoleMonitoringBrowserTests extends BrowserTest {

    @Test
    void anOperatorSeesAnIntegrationTurnUnhealthyResolvesTheAlertAndReadsTheCharts() {
        MonitoredTenant t = new MonitoredTenant(hub(), "Console Co");
        t.check(); // healthy, and some traffic for the charts
        t.check();
        signIn(t.owner.email());

        // the dashboard: summary, the integration healthy
        assertThat(textOf("#summary-total", "1")).isEqualTo("1");
        WebElement row = browser.waitFor(By.cssSelector("tr[data-integration='" + t.integration + "']"));
        assertThat(row.findElement(By.cssSelector(".health-cell .badge")).getAttribute("data-status")).isEqualTo("healthy");

        // the provider starts failing; the operator opens the integration and checks it now
        t.providerAnswers(503);
        row.findElement(By.linkText("Mailgun " + t.domain)).click();
        browser.waitFor(By.id("check-now")).click();
        browser.until(WAIT, d -> "unhealthy".equals(d.findElement(By.cssSelector("#health-status .badge"))
                .getAttribute("data-status")));
        WebElement alert = browser.waitFor(By.cssSelector("tr[data-type='connectivity'][data-status='open']"));
        assertThat(alert.getText()).contains("health check").contains("high");

        // the charts render with data
        for (String chart : List.of("chart-response", "chart-errors", "chart-throughput")) {
            WebElement box = browser.waitFor(By.cssSelector("#" + chart + " .uplot canvas"));
            assertThat(box.isDisplayed()).isTrue();
            assertThat(Integer.parseInt(browser.driver().findElement(By.id(chart)).getAttribute("data-points")))
                    .as(chart).isGreaterThan(0);
        }
        browser.screenshot("integration");

        // the alerts page lists it; resolving it empties the open list
        browser.driver().findElement(By.linkText("Alerts")).click();
        browser.waitFor(By.cssSelector("tr[data-type='connectivity'][data-status='open'] button.resolve")).click();
        browser.waitFor(By.id("no-alerts"));
        assertThat(hub().get(t.base() + "/alerts?status=open", t.owner.token()).body()).isEmpty();

        // the dashboard now counts the integration as failing; its screenshot, laptop and phone widths
        browser.driver().findElement(By.linkText("Overview")).click();
        assertThat(textOf("#summary-failing", "1")).isEqualTo("1");
        browser.waitFor(By.cssSelector("#chart-throughput .uplot canvas"));
        browser.screenshot("dashboard");
        browser.resize(390, 844);
        browser.until(WAIT, d -> (Boolean) browser.script(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1"));
        browser.screenshot("dashboard-phone");
        browser.resize(1280, 900);

        // outbound webhooks: the alert events were delivered; one is sent again
        browser.driver().findElement(By.linkText("Webhooks")).click();
        browser.waitFor(By.cssSelector("button.show-deliveries[data-endpoint='" + t.endpoint + "']")).click();
        browser.until(WAIT, d -> d.findElements(By.cssSelector("tr[data-message-row]")).size() >= 2);
        assertThat(browser.driver().findElement(By.id("endpoint-detail")).getText())
                .contains("integration.alert_raised").contains("integration.alert_resolved");
        browser.driver().findElements(By.cssSelector("button.resend")).get(0).click();
        browser.until(WAIT, d -> d.findElement(By.id("endpoint-detail")).getText().contains("Queued again"));

        // no secret anywhere the operator went
        assertThat(browser.driver().getPageSource()).doesNotContain(t.apiKey);
    }

    @Test
    void theHelpMenuWorksFromTheKeyboardAndBeforeSignInTheSupportButtonPreFillsTheConsolesEmail() {
        MonitoredTenant t = new MonitoredTenant(hub(), "Helpful Ltd");
        signIn(t.owner.email());
        browser.waitFor(By.id("summary-total"));

        WebElement help = browser.driver().findElement(By.id("help-button"));
        help.sendKeys(Keys.ENTER);
        WebElement first = browser.waitFor(By.cssSelector("#help-list a"));
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(first);
        assertThat(first.getAttribute("href")).isEqualTo("https://help.penguinmails.com/knowledge-base");
        assertThat(browser.driver().findElement(By.id("help-list")).getText())
                .contains("Knowledge Base", "Hub runbook", "Contact support"); // the suite's hub.console.help-links
        first.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.driver().switchTo().activeElement().getText()).contains("Hub runbook");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.driver().switchTo().activeElement().getText()).contains("Contact support");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(browser.driver().findElement(By.id("help-list")).isDisplayed()).isFalse();
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(help);

        // signed out there is no tenant and so no desk to ask: the button writes to hub.console.support-email
        browser.driver().findElement(By.id("signout")).click();
        browser.waitFor(By.id("email"));
        browser.script("window.openedMailtos = [];"
                + "document.addEventListener('click', e => { const a = e.target.closest && e.target.closest('a');"
                + " if (a && a.href.startsWith('mailto:')) { e.preventDefault(); window.openedMailtos.push(a.href); } },"
                + " true);");
        browser.driver().findElement(By.id("support-button")).click();
        String mailto = browser.until(WAIT, d -> (String) browser.script(
                "return window.openedMailtos.length ? window.openedMailtos[0] : null"));
        assertThat(mailto).startsWith("mailto:hub-support@penguinmails.test?subject=")
                .contains(java.net.URLEncoder.encode("[Support] PenguinMails", java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .doesNotContain(t.tenant.toString());
    }

    private void signIn(String email) {
        String console = "http://localhost:" + port + "/console/";
        browser.open(console);
        browser.script("sessionStorage.clear()");
        browser.open(console);
        browser.waitFor(By.id("email")).sendKeys(email);
        WebDriver driver = browser.driver();
        driver.findElement(By.id("password")).sendKeys(HubClient.PASSWORD);
        driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        browser.waitFor(By.id("who"));
    }

    private String textOf(String css, String expected) {
        return browser.until(WAIT, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && expected.equals(found.get(0).getText()) ? found.get(0).getText() : null;
        });
    }
}
