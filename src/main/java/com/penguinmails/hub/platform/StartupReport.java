package com.penguinmails.hub.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.penguinmails.hub.platform.database.DatabaseEndpoint;

/** Tells whoever started the hub where to find it. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final DatabaseEndpoint database;

    StartupReport(Environment environment, DatabaseEndpoint database) {
        this.environment = environment;
        this.database = database;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port;
        log.info("""
                PenguinMails Hub is up
                  API:        {}/api/v1
                  Swagger UI: {}/swagger-ui.html
                  Console:    {}/console/
                  Health:     {}/actuator/health
                  Database:   {}""", base, base, base, base, database.describe());
    }
}
