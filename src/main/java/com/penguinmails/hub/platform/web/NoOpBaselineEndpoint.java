package com.penguinmails.hub.platform.web;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outside benchmarks' baseline ({@code bench/run}): {@code POST /bench/noop} reads the whole body of any
 * content type through the same filters as every other request (request id, size limit, security) and answers
 * {@code {"status":"ok"}} without touching the database, so a webhook path's rate can be divided by what the
 * same server does for the same body with no work. It exists only when {@code hub.bench.no-op-endpoint=true}
 * ({@code HUB_BENCH_NO_OP_ENDPOINT}), which production never sets; otherwise the path is a 404.
 */
@RestController
@ConditionalOnProperty(name = "hub.bench.no-op-endpoint", havingValue = "true")
class NoOpBaselineEndpoint {

    static final String PATH = "/bench/noop";

    @PostMapping(PATH)
    Map<String, String> accept(@RequestBody byte[] body) {
        return Map.of("status", "ok");
    }
}
