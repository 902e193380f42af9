package com.penguinmails.hub.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One hub as an operator runs it: the packaged jar in its own JVM, on its own port, against the
 * test's PostgreSQL. It can be killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) and
 * started again on the same port; every run logs to its own file.
 */
final class HubNode {

    /** The suite's master key (the hub refuses an external database without one). */
    static final String MASTER_KEY = "test:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final String name;
    private final int port;
    private final Path logDir;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int runs;

    HubNode(String name, Path logDir, ReliabilityDatabase database, Map<String, String> settings) throws IOException {
        this.name = name;
        this.port = ReliabilityDatabase.freePort();
        this.logDir = logDir;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HUB_PORT", Integer.toString(port));
        env.put("HUB_PUBLIC_BASE_URL", base());
        env.putAll(database.hubEnvironment(name));
        env.put("HUB_MASTER_KEY", MASTER_KEY);
        env.put("HUB_NET_ALLOW_LOOPBACK", "true");
        env.put("HUB_TENANCY_SIGN_IN_ATTEMPTS_PER_ADDRESS", "1000000");
        // a dead node's leases end within seconds, so the test need not wait the production minute
        env.put("HUB_WEBHOOK_INBOUND_LEASE", "5s");
        env.put("HUB_WEBHOOK_INBOUND_POLL_INTERVAL", "200ms");
        env.put("HUB_WEBHOOK_INBOUND_RETRY_BASE", "500ms");
        env.put("HUB_WEBHOOK_INBOUND_RETRY_MAX", "5s");
        env.put("HUB_WEBHOOK_OUTBOUND_LEASE", "5s");
        env.put("HUB_WEBHOOK_OUTBOUND_REQUEST_TIMEOUT", "2s");
        env.put("HUB_WEBHOOK_OUTBOUND_CONNECT_TIMEOUT", "1s");
        env.put("HUB_WEBHOOK_OUTBOUND_POLL_INTERVAL", "200ms");
        env.put("HUB_WEBHOOK_OUTBOUND_RETRY_SCHEDULE", "0s,1s,2s,3s,5s,5s,5s,5s,5s,5s");
        env.put("HUB_WEBHOOK_OUTBOUND_RETRY_JITTER", "0");
        env.put("HUB_EMAIL_SENDING_POLL_INTERVAL", "200ms");
        env.put("HUB_EMAIL_SENDING_RETRY_BASE", "500ms");
        env.putAll(settings);
        this.environment = env;
    }

    /** Where a test's hub logs go: kept after the run (target/reliability-logs/&lt;test&gt;) for a post-mortem. */
    static Path logsOf(Class<?> test) {
        return Path.of("target", "reliability-logs", test.getSimpleName()).toAbsolutePath();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String base() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Path log() {
        return logDir.resolve(name + "-" + runs + ".log");
    }

    synchronized HubNode start() throws IOException {
        runs++;
        String jar = System.getProperty("hub.jar", "target/penguinmails-hub.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(logDir);
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
                new File(jar).getAbsolutePath()).redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        return this;
    }

    HubNode awaitReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log());
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base()
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        });
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful stop; whatever was in flight is simply gone. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM: the graceful shutdown an orchestrator asks for. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
