package com.penguinmails.hub.testkit;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class of the console in real headless Chromium against the whole hub: one browser for the
 * class (started before its first test, closed after its last), back at laptop width after each test.
 */
public abstract class BrowserTest extends HubIntegrationTest {

    /** How long a page has to show what a test waits for. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @AfterEach
    void laptopWidth() {
        browser.resize(1280, 900);
    }
}
