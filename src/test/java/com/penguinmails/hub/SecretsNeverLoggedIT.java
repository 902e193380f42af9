package com.penguinmails.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.penguinmails.hub.testkit.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after the whole unit and integration suite (failsafe, in {@code verify}): every secret the
 * tests handed the hub — passwords, session tokens, provider keys, signing secrets — is searched
 * for in everything the hub logged during the run.
 */
class SecretsNeverLoggedIT {

    @Test
    void noSecretUsedByAnyTestAppearsInAnyLog() throws IOException {
        assertThat(TestSecrets.FILE).as("the suite registers the secrets it uses").exists();
        Set<String> secrets = new LinkedHashSet<>(Files.readAllLines(TestSecrets.FILE, StandardCharsets.UTF_8));
        secrets.removeIf(s -> s.length() < 8);
        assertThat(secrets).hasSizeGreaterThan(20);

        List<Path> logs;
        try (Stream<Path> files = Files.list(Path.of("target", "surefire-reports"))) {
            logs = files.filter(p -> p.getFileName().toString().endsWith("-output.txt")).toList();
        }
        assertThat(logs).isNotEmpty();
        long bytes = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            bytes += text.length();
            for (String secret : secrets) {
                assertThat(text).as("a secret in " + log.getFileName()).doesNotContain(secret);
            }
        }
        assertThat(bytes).as("the suite produced logs to search").isGreaterThan(10_000);
    }
}
