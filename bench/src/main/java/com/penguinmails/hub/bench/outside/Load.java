package com.penguinmails.hub.bench.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Recorder;

/**
 * Drives one kind of request at the hub for a warm-up and then a measured time, recording every latency in an
 * HdrHistogram. Closed loop: each of {@code connections} threads sends its next request when the last is answered
 * (throughput). Open loop: requests are due at a fixed rate whatever the answers do, and each latency is measured
 * from the time its request was due, so a stall shows up in the percentiles instead of slowing the sender
 * (no coordinated omission).
 */
final class Load {

    /** Sends request number {@code sequence} and answers its HTTP status and, for a non-2xx, its body. */
    interface Call {
        Answer send(long sequence) throws Exception;
    }

    record Answer(int status, String body) {
    }

    record Result(String name, long requests, long errors, double seconds, double perSecond, double p50Ms,
                  double p90Ms, double p99Ms, double maxMs, Map<Integer, Long> statuses, String firstError,
                  String loadBefore, String loadAfter) {

        String row() {
            if (Double.isNaN(p50Ms)) {
                return String.format("| %s | %,d | %,.0f/s | | | | | %d | %s → %s |", name, requests, perSecond, errors,
                        loadBefore, loadAfter);
            }
            return String.format("| %s | %,d | %,.0f/s | %.2f | %.2f | %.2f | %.1f | %d | %s → %s |", name, requests,
                    perSecond, p50Ms, p90Ms, p99Ms, maxMs, errors, loadBefore, loadAfter);
        }

        static final String HEADER = """
                | run | requests | rate | p50 ms | p90 ms | p99 ms | max ms | non-2xx | load average (1 min) before → after |
                |---|---|---|---|---|---|---|---|---|""";
    }

    /** One sequence for the whole process: no two requests, warm-up or measured, share a number. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Load() {
    }

    static Result closed(String name, int connections, Duration warmUp, Duration measure, Call call)
            throws InterruptedException {
        String before = loadAverage();
        run(connections, warmUp, call, null, null);
        Recorder recorder = new Recorder(3);
        Errors errors = new Errors();
        long started = System.nanoTime();
        long done = run(connections, measure, call, recorder, errors);
        double seconds = (System.nanoTime() - started) / 1e9;
        return result(name, done, seconds, recorder, errors, before);
    }

    private static long run(int connections, Duration duration, Call call, Recorder recorder, Errors errors)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong count = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(connections);
        for (int t = 0; t < connections; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        long begin = System.nanoTime();
                        Answer answer = send(call, SEQUENCE.incrementAndGet());
                        if (recorder != null) {
                            recorder.recordValue(System.nanoTime() - begin);
                            errors.count(answer);
                        }
                        count.incrementAndGet();
                    }
                } finally {
                    finished.countDown();
                }
            }, "closed-loop-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        finished.await();
        return count.get();
    }

    /**
     * An open-loop run at {@code rate} requests per second: request i is due at start + i / rate and is sent by
     * whichever of {@code threads} senders is free; its latency runs from when it was due to its answer.
     */
    static Result open(String name, double rate, int threads, Duration warmUp, Duration measure, Call call)
            throws InterruptedException {
        String before = loadAverage();
        long interval = Math.max(1, (long) (1e9 / rate));
        long start = System.nanoTime() + 10_000_000;
        long measuredFrom = start + warmUp.toNanos();
        long end = measuredFrom + measure.toNanos();
        long total = (end - start) / interval;
        AtomicLong next = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        Recorder recorder = new Recorder(3);
        Errors errors = new Errors();
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long due = start + i * interval;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        Answer answer = send(call, SEQUENCE.incrementAndGet());
                        if (due >= measuredFrom) {
                            recorder.recordValue(System.nanoTime() - due);
                            errors.count(answer);
                            measured.incrementAndGet();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            }, "open-loop-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        finished.await();
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        return result(name, measured.get(), seconds, recorder, errors, before);
    }

    private static Answer send(Call call, long sequence) {
        try {
            return call.send(sequence);
        } catch (Exception e) {
            return new Answer(-1, e.toString());
        }
    }

    private static Result result(String name, long done, double seconds, Recorder recorder, Errors errors,
                                 String loadBefore) {
        var histogram = recorder.getIntervalHistogram();
        return new Result(name, done, errors.errors.get(), seconds, done / seconds,
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6,
                new TreeMap<>(errors.statuses), errors.first.get(), loadBefore, loadAverage());
    }

    /** The machine's 1-minute load average ({@code /proc/loadavg}), or "?" where there is none. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static final class Errors {
        final AtomicLong errors = new AtomicLong();
        final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        final AtomicReference<String> first = new AtomicReference<>();

        void count(Answer answer) {
            statuses.merge(answer.status(), 1L, Long::sum);
            if (answer.status() < 200 || answer.status() >= 300) {
                errors.incrementAndGet();
                first.compareAndSet(null, answer.status() + " " + answer.body());
            }
        }
    }
}
