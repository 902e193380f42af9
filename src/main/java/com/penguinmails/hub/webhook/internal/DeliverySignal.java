package com.penguinmails.hub.webhook.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/** Wakes the delivery dispatcher when new deliveries commit or a worker becomes free. */
@Component
class DeliverySignal {

    private final Semaphore wakeUp = new Semaphore(0);

    void nudge() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    void await(long millis) throws InterruptedException {
        wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS);
        wakeUp.drainPermits();
    }
}
