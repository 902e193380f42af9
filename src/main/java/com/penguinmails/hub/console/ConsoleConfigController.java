package com.penguinmails.hub.console;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console's pages need before anyone signs in: the help menu and the support address.
 * Public configuration, no secrets; outside {@code /api/} because it is the console's, not the API's.
 */
@RestController
@Hidden
class ConsoleConfigController {

    record ConsoleConfig(List<ConsoleProperties.HelpLink> helpLinks, String supportEmail) {
    }

    private final ConsoleProperties properties;

    ConsoleConfigController(ConsoleProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/console/config.json")
    ResponseEntity<ConsoleConfig> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(new ConsoleConfig(properties.helpLinks(), properties.supportEmail()));
    }
}
