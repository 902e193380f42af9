package com.penguinmails.hub.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.HdrHistogram.Recorder;

/**
 * Sends requests from a fixed number of threads, each as fast as the server answers (closed loop),
 * for a fixed time, and records every latency in an HdrHistogram. Each request is built fresh
 * from its sequence number, so every webhook it sends is unique and correctly signed.
 */
final class LoadGenerator {

    record Result(String name, long requests, long errors, double seconds, double perSecond, double p50Ms,
                  double p90Ms, double p99Ms, double maxMs, Map<Integer, Long> statuses) {

        String row() {
            return String.format("| %s | %,d | %,.0f/s | %.2f | %.2f | %.2f | %.2f | %d |", name, requests, perSecond,
                    p50Ms, p90Ms, p99Ms, maxMs, errors);
        }
    }

    interface Call {
        int send(long sequence) throws Exception;
    }

    private LoadGenerator() {
    }

    static Call http(HttpClient client, LongFunction<HttpRequest> requests) {
        return sequence -> client.send(requests.apply(sequence), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One sequence for every run of the JVM: a call's numbers never repeat, whichever run (warm-up or measured) it is in. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    static Result run(String name, int threads, Duration warmUp, Duration measure, Call call) throws InterruptedException {
        return run(name, threads, warmUp, measure, call, () -> { });
    }

    /** An open-loop run: each request first waits for {@code pace} (outside the measured latency). */
    static Result run(String name, int threads, Duration warmUp, Duration measure, Call call, Runnable pace)
            throws InterruptedException {
        AtomicLong sequence = SEQUENCE;
        runFor(threads, warmUp, call, sequence, null, null, null, pace);
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        long done = runFor(threads, measure, call, sequence, recorder, errors, statuses, pace);
        double seconds = (System.nanoTime() - started) / 1e9;
        var histogram = recorder.getIntervalHistogram();
        return new Result(name, done, errors.get(), seconds, done / seconds,
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6, statuses);
    }

    private static long runFor(int threads, Duration duration, Call call, AtomicLong sequence, Recorder recorder,
                               AtomicLong errors, Map<Integer, Long> statuses, Runnable pace) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong count = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        pace.run();
                        long begin = System.nanoTime();
                        int status;
                        try {
                            status = call.send(sequence.incrementAndGet());
                        } catch (Exception e) {
                            status = -1;
                        }
                        if (recorder != null) {
                            recorder.recordValue(System.nanoTime() - begin);
                            statuses.merge(status, 1L, Long::sum);
                            if (status < 200 || status >= 300) {
                                errors.incrementAndGet();
                            }
                        }
                        count.incrementAndGet();
                    }
                } finally {
                    finished.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        finished.await(duration.toMillis() + TimeUnit.MINUTES.toMillis(2), TimeUnit.MILLISECONDS);
        return count.get();
    }
}
