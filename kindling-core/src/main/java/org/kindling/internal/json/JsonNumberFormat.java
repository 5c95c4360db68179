package org.kindling.internal.json;

import java.math.BigDecimal;

/**
 * Shortest round-trip decimal text for doubles and floats, laid out the way Python's {@code repr} does.
 *
 * <p>The digits come from {@link Double#toString}/{@link Float#toString}, which since JDK 19 give the
 * shortest decimal that rounds back to the value, except that they may print two digits where one would do
 * (their specification allows it: {@code 4.9E-324} for {@code 5e-324}); that case is shortened here. The
 * layout is Python's: fixed notation when the decimal exponent is in [-4, 16), else {@code 1e-05},
 * {@code 1.5e+16}. So the output of a float64 matches {@code json.dumps} in Python, which keeps files
 * written by Kindling and by PyTorch tooling comparable line by line.
 */
final class JsonNumberFormat {
    private JsonNumberFormat() {}

    static String formatDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Json.write: " + value + " is not a valid JSON number");
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
        }
        Decimal d = Decimal.of(Double.toString(Math.abs(value)));
        if (d.digits.length() == 2) {
            d = shortenDouble(d, Math.abs(value));
        }
        return (value < 0 ? "-" : "") + d.render();
    }

    static String formatFloat(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("Json.write: " + value + " is not a valid JSON number");
        }
        if (value == 0) {
            return Float.floatToRawIntBits(value) < 0 ? "-0.0" : "0.0";
        }
        Decimal d = Decimal.of(Float.toString(Math.abs(value)));
        if (d.digits.length() == 2) {
            float abs = Math.abs(value);
            Decimal best = null;
            for (Decimal c : d.oneDigitNeighbors()) {
                if (Float.parseFloat(c.scientific()) == abs && (best == null || closer(c, best, abs))) {
                    best = c;
                }
            }
            d = best == null ? d : best;
        }
        return (value < 0 ? "-" : "") + d.render();
    }

    private static Decimal shortenDouble(Decimal d, double abs) {
        Decimal best = null;
        for (Decimal c : d.oneDigitNeighbors()) {
            if (Double.parseDouble(c.scientific()) == abs && (best == null || closer(c, best, abs))) {
                best = c;
            }
        }
        return best == null ? d : best;
    }

    private static boolean closer(Decimal a, Decimal b, double exact) {
        BigDecimal x = new BigDecimal(exact);
        return new BigDecimal(a.scientific()).subtract(x).abs()
                .compareTo(new BigDecimal(b.scientific()).subtract(x).abs()) < 0;
    }

    /** A positive decimal {@code 0.DIGITS x 10^pointPos}, digits without leading or trailing zeros. */
    private record Decimal(String digits, int pointPos) {
        static Decimal of(String javaText) {
            int e = javaText.indexOf('E');
            String mantissa = e < 0 ? javaText : javaText.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(javaText.substring(e + 1));
            int dot = mantissa.indexOf('.');
            String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            int pointPos = dot + exponent;
            int lead = 0;
            while (digits.charAt(lead) == '0') {
                lead++;
            }
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(digits.substring(lead, end), pointPos - lead);
        }

        /** The one-digit decimals just below and just above this two-digit one. */
        Decimal[] oneDigitNeighbors() {
            int first = digits.charAt(0) - '0';
            Decimal down = new Decimal(Integer.toString(first), pointPos);
            Decimal up = first == 9 ? new Decimal("1", pointPos + 1) : new Decimal(Integer.toString(first + 1), pointPos);
            return new Decimal[] {down, up};
        }

        String scientific() {
            return "0." + digits + "E" + pointPos;
        }

        String render() {
            int n = digits.length();
            if (pointPos > -4 && pointPos <= 16) {
                if (pointPos <= 0) {
                    return "0." + "0".repeat(-pointPos) + digits;
                }
                if (pointPos >= n) {
                    return digits + "0".repeat(pointPos - n) + ".0";
                }
                return digits.substring(0, pointPos) + "." + digits.substring(pointPos);
            }
            int exp = pointPos - 1;
            String mantissa = n == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String expDigits = Integer.toString(Math.abs(exp));
            return mantissa + (exp < 0 ? "e-" : "e+") + (expDigits.length() < 2 ? "0" : "") + expDigits;
        }
    }
}
