package com.penguinmails.hub.billing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The platform's fee on a payment: {@code amount × percent / 100} in the payment's minor units,
 * rounded half up to a whole minor unit (2.9 % of 1999 cents = 57.971 → 58; 2.5 % of 10 = 0.25 → 0;
 * 5 % of 10 = 0.5 → 1), never more than the amount. Zero-decimal currencies (JPY) are whole units
 * already, so the same rule holds.
 */
final class ApplicationFee {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ApplicationFee() {
    }

    static long of(long amount, BigDecimal percent) {
        if (amount < 0 || percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("amount >= 0 and 0 <= percent <= 100");
        }
        long fee = BigDecimal.valueOf(amount).multiply(percent).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
        return Math.min(fee, amount);
    }
}
