package com.penguinmails.hub.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server still running on a data folder whose hub is gone. The server runs detached from
 * the hub's JVM, so a hub killed with SIGKILL (or a crashed JVM) leaves it behind, holding the folder:
 * a new server cannot start on it. Called only while the caller holds the folder's
 * {@link DataFolderLock}, so a server found here belongs to no live hub and is stopped: fast shutdown
 * first (SIGINT: its sessions end, it checkpoints and exits), then SIGKILL of it and its children.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /** The pid written in {@code postmaster.pid}, when the file exists. */
    static Optional<Long> pid(Path dataDir) {
        Path file = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live postmaster of {@code dataDir}, if one runs. */
    static Optional<ProcessHandle> running(Path dataDir) {
        return pid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(process -> isPostgresOf(process, dataDir));
    }

    static void stopIfRunning(Path dataDir, long waitSeconds) {
        Optional<Long> pid = pid(dataDir);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // a stale pid file: PostgreSQL replaces it itself
        }
        if (!isPostgresOf(process.get(), dataDir)) {
            // the pid was reused by another program (after a reboot, say): PostgreSQL would refuse to start
            // beside a live process of that pid, and no server of ours runs, so the stale file goes
            log.warn("postmaster.pid in {} names process {}, which is not its PostgreSQL: removing the stale file",
                    dataDir, pid.get());
            delete(dataDir.resolve("postmaster.pid"));
            return;
        }
        log.warn("A PostgreSQL (pid {}) is still running on {} although no hub holds the folder: the hub that started "
                + "it ended without stopping it. Stopping it before starting again", pid.get(), dataDir);
        stop(process.get(), waitSeconds);
    }

    private static void stop(ProcessHandle postmaster, long waitSeconds) {
        List<ProcessHandle> children = postmaster.descendants().toList();
        if (!signalInterrupt(postmaster.pid())) {
            postmaster.destroy(); // SIGTERM, PostgreSQL's smart shutdown: the dead hub's sessions are gone already
        }
        if (awaitExit(postmaster, waitSeconds)) {
            return;
        }
        log.warn("PostgreSQL (pid {}) did not stop within {} s: killing it and its {} processes", postmaster.pid(),
                waitSeconds, children.size());
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitExit(postmaster, 10);
        children.forEach(child -> awaitExit(child, 10));
    }

    /** SIGINT is PostgreSQL's fast shutdown; the JDK can send only SIGTERM and SIGKILL. */
    private static boolean signalInterrupt(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean awaitExit(ProcessHandle process, long seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static boolean isPostgresOf(ProcessHandle process, Path dataDir) {
        ProcessHandle.Info info = process.info();
        String command = info.command().orElse("");
        if (!command.endsWith("postgres")) {
            return false;
        }
        // where the arguments are visible, they name the folder (-D); where they are not, the command is enough
        return info.arguments().map(args -> List.of(args).contains(dataDir.toString())).orElse(true);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
