package com.penguinmails.hub.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL server from the machine's own packages (Debian's {@code postgresql}, which {@code .ci/run}
 * installs), run by the test in a folder of its own on a free port: the real server an operator runs, not
 * the hub's embedded one. PostgreSQL refuses to run as root, so as root every command runs as the
 * {@code postgres} user the package made. Passwords (scram-sha-256) for every role, as in production.
 */
final class PackagedPostgres implements AutoCloseable {

    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final String superuserPassword;

    private PackagedPostgres(Path bin, Path dataDir, int port, String superuserPassword) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /** The newest installed server's programs, if the package is installed. */
    static Optional<Path> installed() {
        if (!Files.isDirectory(INSTALLED)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLED)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static PackagedPostgres start(Path bin) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("hub-packaged-postgres-");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path passwordFile = Files.createTempFile("hub-packaged-postgres-pw-", "");
        Files.writeString(passwordFile, password + "\n");
        handOver(dataDir);
        handOver(passwordFile);
        PackagedPostgres server = new PackagedPostgres(bin, dataDir, ReliabilityDatabase.freePort(), password);
        try {
            server.run(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres", "-E", "UTF8",
                    "--auth=scram-sha-256", "--pwfile=" + passwordFile);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        server.startServer();
        return server;
    }

    String superuserPassword() {
        return superuserPassword;
    }

    int port() {
        return port;
    }

    String version() {
        return bin.getParent().getFileName().toString();
    }

    void startServer() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=localhost -c max_connections=200", "-w",
                "-t", "60", "start");
    }

    /** Fast shutdown: sessions are ended (SQLSTATE 57P01), as a managed database's restart does. */
    void stopServer() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    @Override
    public void close() {
        try {
            run(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | InterruptedException | IllegalStateException ignored) {
            // already stopped
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void handOver(Path path) throws IOException, InterruptedException {
        if (root()) {
            exec(List.of("chown", "postgres:postgres", path.toString()));
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (root()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        exec(line);
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
        }
    }
}
