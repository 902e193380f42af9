package com.penguinmails.hub.email.internal;

import java.util.List;
import java.util.Map;

/**
 * The precedence of delivery states (README "Status"). A recipient only moves to a higher rank:
 * queued 0 &lt; sent 1 &lt; deferred 2 &lt; delivered 3 &lt; bounced = dropped = failed 4, so a late
 * {@code delivered} never overwrites a {@code bounced}, a late {@code deferred} never undoes a delivery,
 * and a delayed bounce after a delivery still counts. A message shows its most advanced recipient by
 * {@link #ORDER}, where the final states are ordered too (dropped &lt; bounced &lt; failed) so that a
 * message with several recipients has exactly one answer and never moves back.
 */
final class MessageStatus {

    static final Map<String, Integer> RECIPIENT_RANK = Map.of("queued", 0, "sent", 1, "deferred", 2, "delivered", 3,
            "bounced", 4, "dropped", 4, "failed", 4);

    static final List<String> ORDER = List.of("queued", "sent", "deferred", "delivered", "dropped", "bounced", "failed");

    private MessageStatus() {
    }

    /** Whether a recipient in {@code from} may move to {@code to}. */
    static boolean recipientMayMove(String from, String to) {
        return RECIPIENT_RANK.get(to) > RECIPIENT_RANK.getOrDefault(from, 0);
    }
}
