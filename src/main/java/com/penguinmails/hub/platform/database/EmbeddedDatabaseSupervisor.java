package com.penguinmails.hub.platform.database;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the embedded PostgreSQL running: checks every second that its postmaster lives, and when it has
 * died (killed, crashed, out of memory) starts it again on the same port and folder, waiting longer
 * between failed tries (1 s doubling to 30 s). The connection pool reconnects by itself, so requests
 * answer 503 meanwhile and then succeed, and workers carry on. Each restart is logged and counted in
 * {@code hub.db.embedded.restarts}; {@code hub.db.embedded.up} is 1 while the server runs.
 */
final class EmbeddedDatabaseSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseSupervisor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

    private final EmbeddedPostgresServer server;
    private final Counter restarts;
    private ScheduledExecutorService watcher;
    private Duration backoff = FIRST_BACKOFF;
    private long nextTryNanos;
    private volatile boolean running;

    EmbeddedDatabaseSupervisor(EmbeddedPostgresServer server, MeterRegistry meters) {
        this.server = server;
        this.restarts = Counter.builder("hub.db.embedded.restarts")
                .description("Times the embedded PostgreSQL was found dead and started again").register(meters);
        Gauge.builder("hub.db.embedded.up", server, s -> s.isRunning() ? 1 : 0)
                .description("1 while the embedded PostgreSQL runs").register(meters);
    }

    /** What supervises an external database here: nothing. */
    static SmartLifecycle none() {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    private void check() {
        if (!running || server.isRunning() || System.nanoTime() < nextTryNanos) {
            return;
        }
        log.error("The embedded PostgreSQL on port {} has stopped; starting it again", server.port());
        try {
            server.restart();
            restarts.increment();
            backoff = FIRST_BACKOFF;
            nextTryNanos = 0;
        } catch (RuntimeException e) {
            log.error("Could not start the embedded PostgreSQL again, next try in {} s: {}", backoff.toSeconds(),
                    e.getMessage());
            nextTryNanos = System.nanoTime() + backoff.toNanos();
            backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
        }
    }

    @Override
    public void start() {
        running = true;
        watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-postgres-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException | Error e) {
                log.error("The embedded PostgreSQL supervisor failed a check", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops watching before the server is stopped with the context, so that stop is not taken for a death. */
    @Override
    public void stop() {
        running = false;
        if (watcher != null) {
            watcher.shutdownNow();
            try {
                watcher.awaitTermination(LONGEST_BACKOFF.toSeconds() * 3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the workers, which need the database. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
