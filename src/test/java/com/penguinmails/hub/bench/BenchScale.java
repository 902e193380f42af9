package com.penguinmails.hub.bench;

import java.time.Duration;

/**
 * Full size under {@code mvn -Pbench test}; a small size under {@code mvn verify}, whose
 * {@code benchmarks-at-small-size} execution sets {@code bench.smoke}: the benchmark then runs end
 * to end in seconds, proving it still works, and its report goes to {@code target/benchmarks-smoke/}
 * (the figures of such a run mean nothing).
 */
public final class BenchScale {

    public static final boolean SMOKE = Boolean.getBoolean("bench.smoke");

    private BenchScale() {
    }

    public static Duration duration(Duration full) {
        return SMOKE ? Duration.ofMillis(Math.min(full.toMillis(), 1000)) : full;
    }

    public static int count(int full, int small) {
        return SMOKE ? small : full;
    }

    static String reportDirectory() {
        return SMOKE ? "benchmarks-smoke" : "benchmarks";
    }
}
