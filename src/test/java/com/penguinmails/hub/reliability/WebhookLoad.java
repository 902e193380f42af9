package com.penguinmails.hub.reliability;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Sends signed, unique provider webhooks from a few threads, each as fast as the hub answers
 * (closed loop, like the benchmarks' {@code LoadGenerator}), until stopped. Every tenth request
 * resends an event sent before, as a provider retrying would. Remembers which events were
 * acknowledged (2xx) and every status seen; a request that got no answer (the hub was killed) is
 * status -1 and counts as not acknowledged.
 */
final class WebhookLoad {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String run = Long.toString(System.nanoTime(), 36);
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong longestRefusalMillis = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private volatile boolean running;

    /** Longer than any bounded wait of the hub: a request still unanswered then is counted as hanging. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /**
     * @param target   which node's base URL the n-th request goes to
     * @param request  builds the request for (node base, event id)
     * @param answered sees every HTTP answer that was not 2xx (for checks on its shape)
     */
    void start(int threadCount, IntFunction<String> target, BiFunction<String, String, HttpRequest> request,
               Consumer<HttpResponse<String>> answered) {
        running = true;
        for (int t = 0; t < threadCount; t++) {
            Thread thread = new Thread(() -> {
                while (running) {
                    long n = sequence.incrementAndGet();
                    String eventId;
                    if (n % 10 == 0 && !sent.isEmpty()) {
                        eventId = sent.get(ThreadLocalRandom.current().nextInt(sent.size()));
                    } else {
                        eventId = "ev-" + run + "-" + n;
                        sent.add(eventId);
                    }
                    int status;
                    long began = System.nanoTime();
                    try {
                        HttpRequest base = request.apply(target.apply((int) n), eventId);
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base, (name, value) -> true)
                                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                        status = response.statusCode();
                        if (status >= 200 && status < 300) {
                            acknowledged.add(eventId);
                        } else {
                            longestRefusalMillis.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
                            answered.accept(response);
                        }
                    } catch (java.net.http.HttpTimeoutException e) {
                        status = -2;
                        unanswered.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        status = -1;
                        try {
                            Thread.sleep(50); // the node is down: don't spin
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    requests.incrementAndGet();
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            }, "webhook-load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    /** Distinct events that got a 2xx at least once. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** The longest any refused request (an answer other than 2xx) waited for its answer, in milliseconds. */
    long longestRefusalMillis() {
        return longestRefusalMillis.get();
    }

    /** Requests the hub left without any answer for {@link #REQUEST_TIMEOUT} (status -2 in {@link #statuses()}). */
    long unanswered() {
        return unanswered.get();
    }

    long requests() {
        return requests.get();
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }
}
