package com.penguinmails.hub.console;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.penguinmails.hub.testkit.BrowserTest;
import com.penguinmails.hub.testkit.HubClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's sign-in in real headless Chromium. */
class ConsoleSignInBrowserTests extends BrowserTest {

    @Test
    void wrongPasswordShowsTheErrorAndTheRightOneSignsIn() {
        HubClient.SignedInUser user = hub().signedInUser("Ada");
        browser.open("http://localhost:" + port + "/console/");
        browser.script("sessionStorage.clear()");
        browser.open("http://localhost:" + port + "/console/");

        browser.waitFor(By.id("email")).sendKeys(user.email());
        browser.driver().findElement(By.id("password")).sendKeys("not the password");
        browser.driver().findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        String error = browser.until(Duration.ofSeconds(10),
                d -> d.findElement(By.id("signin-error")).getText().isBlank() ? null
                        : d.findElement(By.id("signin-error")).getText());
        assertThat(error).isNotBlank();

        browser.driver().findElement(By.id("password")).clear();
        browser.driver().findElement(By.id("password")).sendKeys(HubClient.PASSWORD);
        browser.driver().findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        assertThat(browser.waitFor(By.id("who")).getText()).contains(user.email());
        browser.screenshot("signed-in");
    }
}
