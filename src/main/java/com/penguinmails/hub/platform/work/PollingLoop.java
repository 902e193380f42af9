package com.penguinmails.hub.platform.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread of an outbox worker: runs a pass again at once while passes find work,
 * waits {@code interval} (or until {@link #nudge()}) when one finds none, and survives a failing
 * pass. The pass itself leases its rows ({@code SKIP LOCKED}), so any number of nodes may run the
 * same loop.
 */
public final class PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

    /** One pass over due work; answers how many items it handled. */
    @FunctionalInterface
    public interface Pass {
        int run() throws InterruptedException;
    }

    private final String name;
    private final Pass pass;
    private final Duration interval;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public PollingLoop(String name, Pass pass, Duration interval) {
        this.name = name;
        this.pass = pass;
        this.interval = interval;
    }

    /** Asks for a pass now rather than at the next interval (new work was just committed). */
    public void nudge() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the current pass (interrupting a wait), waiting up to ten seconds for it. */
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                if (pass.run() == 0) {
                    wakeUp.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{} pass failed; retrying", name, e);
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
