package org.cockroachdb.mesos.scheduler.offer;

import java.math.BigDecimal;

/** Mesos keeps scalars to three decimals; comparing and subtracting the same way avoids float drift. */
final class Amounts {

    private Amounts() {}

    static long milli(double value) {
        return Math.round(value * 1000.0);
    }

    static double fromMilli(long milli) {
        return milli / 1000.0;
    }

    /** "1.5", "3": how Mesos prints a scalar. */
    static String plain(double value) {
        return BigDecimal.valueOf(fromMilli(milli(value))).stripTrailingZeros().toPlainString();
    }
}
