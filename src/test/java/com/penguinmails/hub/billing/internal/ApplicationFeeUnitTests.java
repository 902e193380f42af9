package com.penguinmails.hub.billing.internal;

import java.math.BigDecimal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationFeeUnitTests {

    @Test
    void roundsHalfUpToAWholeMinorUnit() {
        assertThat(ApplicationFee.of(1999, new BigDecimal("2.9"))).isEqualTo(58);   // 57.971
        assertThat(ApplicationFee.of(10, new BigDecimal("2.5"))).isEqualTo(0);      // 0.25
        assertThat(ApplicationFee.of(10, new BigDecimal("5"))).isEqualTo(1);        // 0.5
        assertThat(ApplicationFee.of(10_000, new BigDecimal("10"))).isEqualTo(1000);
        assertThat(ApplicationFee.of(1, new BigDecimal("100"))).isEqualTo(1);
        assertThat(ApplicationFee.of(500, BigDecimal.ZERO)).isZero();
        assertThatThrownBy(() -> ApplicationFee.of(100, new BigDecimal("100.5"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void neverNegativeNeverMoreThanTheAmountAndWithinHalfAUnitOfTheExactFee(
            @ForAll @LongRange(min = 0, max = 99_999_999) long amount,
            @ForAll @BigRange(min = "0", max = "100") @Scale(2) BigDecimal percent) {
        long fee = ApplicationFee.of(amount, percent);
        BigDecimal exact = BigDecimal.valueOf(amount).multiply(percent).divide(BigDecimal.valueOf(100));
        assertThat(fee).isBetween(0L, amount);
        assertThat(BigDecimal.valueOf(fee).subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
    }
}
