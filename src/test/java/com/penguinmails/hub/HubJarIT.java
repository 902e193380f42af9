package com.penguinmails.hub;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar, as an operator runs it: no database installed, nothing configured but a port
 * and a data folder. It must start its embedded PostgreSQL, report healthy, keep everything across
 * a restart, write JSON logs on request, and never log a password or token.
 */
class HubJarIT {

    private static final String PASSWORD = "jar test password 42";
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process hub;

    @TempDir
    Path work;

    @AfterEach
    void stop() throws InterruptedException {
        if (hub != null && hub.isAlive()) {
            hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsOnItsEmbeddedDatabaseAndKeepsDataAcrossARestart() throws Exception {
        int port = freePort();
        String base = "http://localhost:" + port;
        Path dataDir = work.resolve("data");
        Path firstLog = work.resolve("first.log");

        hub = start(port, dataDir, firstLog);
        awaitReady(base);
        assertThat(get(base + "/actuator/health/liveness").get("status").asString()).isEqualTo("UP");

        JsonNode signUp = post(base + "/api/v1/auth/signup", Map.of("email", "restart@example.com",
                "password", PASSWORD, "name", "Restart"), null);
        assertThat(signUp.get("id")).isNotNull();
        String token = post(base + "/api/v1/auth/signin", Map.of("email", "restart@example.com",
                "password", PASSWORD), null).get("token").asString();
        String tenantId = post(base + "/api/v1/tenants", Map.of("name", "Survives restarts"), token)
                .get("id").asString();

        hub.destroy(); // SIGTERM: graceful shutdown stops the embedded PostgreSQL too
        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(firstLog, StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty();
        String everything = String.join("\n", lines);
        assertThat(everything).doesNotContain(PASSWORD).doesNotContain(token);
        assertThat(everything).contains("Swagger UI").contains("/console/");
        for (String line : lines) {
            if (line.startsWith("{")) {
                assertThat(json.readTree(line).get("@timestamp")).as(line).isNotNull();
            }
        }
        assertThat(lines.stream().filter(l -> l.startsWith("{")).count()).isGreaterThan(lines.size() / 2);

        hub = start(port, dataDir, work.resolve("second.log"));
        awaitReady(base);
        JsonNode tenants = get(base + "/api/v1/tenants", token);
        assertThat(tenants.get(0).get("id").asString()).isEqualTo(tenantId);
        assertThat(post(base + "/api/v1/auth/signin", Map.of("email", "restart@example.com",
                "password", PASSWORD), null).get("token")).isNotNull();
    }

    private Process start(int port, Path dataDir, Path log) throws IOException {
        String jar = System.getProperty("hub.jar", "target/penguinmails-hub.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", new File(jar).getAbsolutePath())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HUB_PORT", Integer.toString(port));
        builder.environment().put("HUB_DB_EMBEDDED_DATA_DIR", dataDir.toString());
        builder.environment().put("HUB_LOG_FORMAT", "ecs");
        builder.environment().remove("HUB_DB_URL");
        return builder.start();
    }

    private void awaitReady(String base) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    assertThat(hub.isAlive()).isTrue();
                    return "UP".equals(get(base + "/actuator/health/readiness").get("status").asString());
                });
    }

    private JsonNode get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode get(String url) throws Exception {
        return get(url, null);
    }

    private JsonNode post(String url, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return json.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
