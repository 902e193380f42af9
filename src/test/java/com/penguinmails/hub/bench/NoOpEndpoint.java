package com.penguinmails.hub.bench;

import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmarks' no-op baseline: {@code POST /bench/noop} on the same server, through the same
 * filters (request id, security), reads the whole body of any content type and answers
 * {@code {"status":"ok"}} without touching the database. {@code @Import} it into a benchmark.
 */
@TestConfiguration
public class NoOpEndpoint {

    public static final String PATH = "/bench/noop";

    @RestController
    static class NoOpController {
        @PostMapping(PATH)
        Map<String, String> accept(@RequestBody byte[] body) {
            return Map.of("status", "ok");
        }
    }
}
