package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;

/**
 * NUMERIC's binary form: base-10000 digits with a weight (the power of 10000 of the first digit), a
 * sign word and the display scale. pgjdbc asks for it once a statement is server-prepared, so the
 * wire server cannot get away with text for NUMERIC columns.
 */
final class NumericBinary {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int PLUS_INFINITY = 0xD000;
    private static final int MINUS_INFINITY = 0xF000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private NumericBinary() {}

    static byte[] encode(String text) {
        String t = text.strip();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan": return header(0, 0, NAN, 0);
            case "infinity", "+infinity", "inf": return header(0, 0, PLUS_INFINITY, 0);
            case "-infinity", "-inf": return header(0, 0, MINUS_INFINITY, 0);
            default: break;
        }
        BigDecimal value = new BigDecimal(t);
        int dscale = Math.max(0, value.scale());
        String plain = value.abs().setScale(dscale, RoundingMode.UNNECESSARY).toPlainString();
        int dot = plain.indexOf('.');
        String integer = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot + 1);
        // Align both parts on four-digit groups around the decimal point.
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String digits = integer + fraction;
        int groups = digits.length() / 4;
        int weight = integer.length() / 4 - 1;
        int first = 0;
        int last = groups - 1;
        while (first <= last && digits.startsWith("0000", first * 4)) {
            first++;
            weight--;
        }
        while (last >= first && digits.startsWith("0000", last * 4)) {
            last--;
        }
        if (first > last) {
            return header(0, 0, POSITIVE, dscale);
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * (last - first + 1));
        b.putShort((short) (last - first + 1)).putShort((short) weight)
                .putShort((short) (value.signum() < 0 ? NEGATIVE : POSITIVE)).putShort((short) dscale);
        for (int g = first; g <= last; g++) {
            b.putShort(Short.parseShort(digits.substring(g * 4, g * 4 + 4)));
        }
        return b.array();
    }

    static String decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int ndigits = b.getShort();
        int weight = b.getShort();
        int sign = b.getShort() & 0xFFFF;
        int dscale = b.getShort();
        switch (sign) {
            case NAN: return "NaN";
            case PLUS_INFINITY: return "Infinity";
            case MINUS_INFINITY: return "-Infinity";
            case POSITIVE, NEGATIVE: break;
            default: throw new IllegalArgumentException("invalid sign in numeric value: 0x" + Integer.toHexString(sign));
        }
        if (ndigits < 0 || dscale < 0 || b.remaining() != 2 * ndigits) {
            throw new IllegalArgumentException("numeric value with " + ndigits + " digits has " + b.remaining() + " bytes for them");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int digit = b.getShort();
            if (digit < 0 || digit >= 10_000) {
                throw new IllegalArgumentException("invalid digit in numeric value: " + digit);
            }
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(digit));
        }
        // unscaled holds the digits; the last one is worth 10000^(weight - ndigits + 1).
        BigDecimal value = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        value = value.setScale(dscale, RoundingMode.HALF_UP);
        return (sign == NEGATIVE ? value.negate() : value).toPlainString();
    }

    private static byte[] header(int ndigits, int weight, int sign, int dscale) {
        return ByteBuffer.allocate(8).putShort((short) ndigits).putShort((short) weight)
                .putShort((short) sign).putShort((short) dscale).array();
    }
}
