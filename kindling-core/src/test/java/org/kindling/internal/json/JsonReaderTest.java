package org.kindling.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {

    private static Object parse(String text) {
        return Json.parse(text);
    }

    private static JsonParseException failure(String text) {
        return assertThrows(JsonParseException.class, () -> Json.parse(text), text);
    }

    @Test
    void readsScalars() {
        assertEquals(Boolean.TRUE, parse("true"));
        assertEquals(Boolean.FALSE, parse(" false "));
        assertNull(parse("\n\tnull\r\n"));
        assertEquals("hi", parse("\"hi\""));
        assertEquals(42L, parse("42"));
        assertEquals(-7L, parse("-7"));
        assertEquals(0L, parse("-0"));
        assertEquals(2.5, parse("2.5"));
        assertEquals(100.0, parse("1E2"));
        assertEquals(-0.0125, parse("-1.25e-2"));
        assertEquals(1.5, parse("15e-1"));
    }

    @Test
    void objectsKeepKeyOrderAndNest() {
        Object v = parse("{\"z\": 1, \"a\": [true, null, {\"k\": \"v\"}], \"m\": {}}");
        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("z", "a", "m"), List.copyOf(map.keySet()));
        List<?> a = assertInstanceOf(List.class, map.get("a"));
        assertEquals(3, a.size());
        assertEquals(Boolean.TRUE, a.get(0));
        assertNull(a.get(1));
        assertEquals(Map.of("k", "v"), a.get(2));
        assertEquals(Map.of(), map.get("m"));
        assertEquals(List.of(), parse("[ ]"));
    }

    @Test
    void integersUseLongWithinRangeAndDoubleBeyond() {
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
        assertEquals(9.223372036854775808e18, parse("9223372036854775808"));
        assertEquals(-1e30, parse("-1000000000000000000000000000000"));
    }

    @Test
    void exactNumbersKeepTheText() {
        Json.Options exact = Json.Options.DEFAULT.withExactNumbers(true);
        assertEquals(42L, Json.parse("42", exact));
        assertEquals(new BigInteger("18446744073709551616"), Json.parse("18446744073709551616", exact));
        assertEquals(new BigDecimal("0.1000000000000000000001"), Json.parse("0.1000000000000000000001", exact));
        assertEquals(new BigDecimal("1e400"), Json.parse("1e400", exact));
        assertEquals(new BigDecimal("1.0"), Json.parse("1.0", exact));
    }

    @Test
    void doublesAreCorrectlyRounded() {
        // Halfway and near-halfway cases that naive digit accumulation gets wrong.
        assertEquals(0.1, parse("0.1"));
        assertEquals(Double.MIN_VALUE, parse("5e-324"));
        assertEquals(Double.MIN_VALUE, parse("4.9406564584124654e-324"));
        assertEquals(0.0, parse("2e-324"));
        assertEquals(Double.MAX_VALUE, parse("1.7976931348623157e308"));
        assertEquals(9007199254740992.0, parse("9007199254740993.0"));
        assertEquals(2.2250738585072014e-308, parse("2.2250738585072014E-308"));
    }

    @Test
    void stringEscapes() {
        assertEquals("\"\\/\b\f\n\r\t", parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals("é", parse("\"\\u00e9\""));
        assertEquals("é", parse("\"\\u00E9\""));
        assertEquals("\u0000", parse("\"\\u0000\""));
        assertEquals("a😀b", parse("\"a\\uD83D\\uDE00b\""));
        assertEquals("😀 raw", parse("\"😀 raw\""));
        assertEquals("\u2028\u007f", parse("\"\u2028\u007f\""));
    }

    @Test
    void duplicateKeysAreRejectedAtTheSecondKey() {
        JsonParseException e = failure("{\"a\":1,\"a\":2}");
        assertEquals(7, e.offset());
        assertEquals("duplicate key \"a\"", e.reason());
        // Keys are compared after unescaping.
        assertEquals(8, failure("{\"ab\":1,\"a\\u0062\":2}").offset());
    }

    @Test
    void trailingContentIsRejected() {
        JsonParseException e = failure("{} x");
        assertEquals(3, e.offset());
        assertEquals("unexpected 'x' after the JSON value", e.reason());
        assertEquals(4, failure("true1").offset());
        assertEquals(2, failure("{}{}").offset());
        assertEquals(2, failure("1 2").offset());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                   | 0 | expected a JSON value, found end of input",
        "`   `                | 3 | expected a JSON value, found end of input",
        "`[1,]`               | 3 | expected a JSON value (object, array, string, number, true, false or null), found ']'",
        "`{\"a\":1,}`         | 7 | expected a string key, found '}'",
        "`{a:1}`              | 1 | expected a string key or '}', found 'a'",
        "`{\"a\" 1}`          | 5 | expected ':' after object key, found '1'",
        "`{\"a\":1 \"b\":2}`  | 7 | expected ',' or '}' after object member, found '\"'",
        "`[1 2]`              | 3 | expected ',' or ']' after array element, found '2'",
        "`[1`                 | 2 | expected ',' or ']' after array element, found end of input",
        "`\"abc`              | 4 | unterminated string (opened at offset 0)",
        "`\"a\\x\"`           | 2 | invalid escape sequence '\\x'",
        "`\"\\u12G4\"`        | 5 | expected 4 hexadecimal digits after \\u, found 'G'",
        "`\"\\uD800\"`        | 1 | unpaired surrogate escape \\uD800",
        "`\"\\uDC00\"`        | 1 | unpaired surrogate escape \\uDC00",
        "`\"\\uD800\\u0041\"` | 1 | unpaired surrogate escape \\uD800",
        "`01`                 | 0 | leading zeros are not allowed in a number",
        "`-`                  | 1 | expected a digit after '-', found end of input",
        "`-a`                 | 1 | expected a digit after '-', found 'a'",
        "`1.`                 | 2 | expected a digit after the decimal point, found end of input",
        "`1.e3`               | 2 | expected a digit after the decimal point, found 'e'",
        "`1e`                 | 2 | expected a digit in the exponent, found end of input",
        "`1e+`                | 3 | expected a digit in the exponent, found end of input",
        "`.5`                 | 0 | expected a JSON value (object, array, string, number, true, false or null), found '.'",
        "`+1`                 | 0 | expected a JSON value (object, array, string, number, true, false or null), found '+'",
        "`NaN`                | 0 | expected a JSON value (object, array, string, number, true, false or null), found 'N'",
        "`Infinity`           | 0 | expected a JSON value (object, array, string, number, true, false or null), found 'I'",
        "`tru`                | 0 | expected a JSON value (object, array, string, number, true, false or null), found 't'",
        "`[nul]`              | 1 | expected a JSON value (object, array, string, number, true, false or null), found 'n'",
        "`1e400`              | 0 | number 1e400 is out of the range of a double",
        "`-1e400`             | 0 | number -1e400 is out of the range of a double",
        "`'a'`                | 0 | expected a JSON value (object, array, string, number, true, false or null), found '''",
    })
    void errorsNamePositionAndExpectation(String text, int offset, String reason) {
        JsonParseException e = failure(text);
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset());
        assertTrue(e.getMessage().startsWith(reason + " at offset " + offset + " (line 1, column " + (offset + 1) + ")"),
                e.getMessage());
    }

    @Test
    void controlCharactersAndLoneSurrogatesInStringsAreRejected() {
        JsonParseException e = failure("\"a\nb\"");
        assertEquals(2, e.offset());
        assertEquals("control character U+000A must be escaped in a string", e.reason());
        assertEquals(1, failure("\"\u0000\"").offset());
        assertEquals("unpaired surrogate U+D83D in a string", failure("\"x\uD83Dy\"").reason());
        assertEquals(2, failure("\"x\uDE00\"").offset());
        assertEquals(1, failure("\"\uD83D").offset());
    }

    @Test
    void nonJsonWhitespaceAndByteOrderMarkAreRejected() {
        assertEquals("expected a JSON value (object, array, string, number, true, false or null), found U+FEFF",
                failure("\uFEFF{}").reason());
        assertEquals(0, failure("\u00a01").offset());
        assertEquals(1, failure("[\f1]").offset());
    }

    @Test
    void errorsReportLineAndColumn() {
        JsonParseException e = failure("{\n  \"a\": 1,\r\n  \"b\" 2\n}");
        assertEquals(3, e.line());
        assertEquals(7, e.column());
        assertEquals(19, e.offset());
        JsonParseException cr = failure("[1,\r2,\r\r x]");
        assertEquals(4, cr.line());
        assertEquals(2, cr.column());
    }

    @Test
    void nestingIsLimited() {
        String ok = "[".repeat(64) + "]".repeat(64);
        assertEquals(List.of(), unwrap(parse(ok), 63));
        JsonParseException e = failure("[".repeat(65) + "]".repeat(65));
        assertEquals("nesting deeper than 64 levels", e.reason());
        assertEquals(64, e.offset());
        assertEquals("nesting deeper than 3 levels",
                assertThrows(JsonParseException.class,
                        () -> Json.parse("{\"a\":{\"b\":{\"c\":{}}}}", Json.Options.DEFAULT.withMaxDepth(3))).reason());
        assertEquals(3, Json.Options.DEFAULT.withMaxDepth(3).maxDepth());
        assertThrows(IllegalArgumentException.class, () -> Json.Options.DEFAULT.withMaxDepth(0));
    }

    @Test
    void hostileDeepNestingFailsFastWithoutStackOverflow() {
        String bomb = "[".repeat(5_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            JsonParseException e = failure(bomb);
            assertEquals(64, e.offset());
        });
        char[] objects = new char[3_000_000];
        for (int i = 0; i < objects.length; i += 6) {
            "{\"a\":".getChars(0, 5, objects, i);
            objects[i + 5] = ' ';
        }
        assertEquals("nesting deeper than 64 levels", failure(new String(objects)).reason());
    }

    @Test
    void largeFlatDocumentsParse() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"k").append(i).append("\":[").append(i).append(",0.5]}");
        }
        String text = sb.append(']').toString();
        List<?> list = (List<?>) parse(text);
        assertEquals(200_000, list.size());
        assertEquals(Map.of("k199999", List.of(199_999L, 0.5)), list.get(199_999));
    }

    @Test
    void parseObjectRequiresAnObject() {
        assertEquals(Map.of("a", 1L), Json.parseObject("{\"a\":1}"));
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parseObject("\n  [1]"));
        assertEquals("expected a JSON object at the top level, found array", e.reason());
        assertEquals(3, e.offset());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
    }

    private static Object unwrap(Object v, int levels) {
        for (int i = 0; i < levels; i++) {
            v = ((List<?>) v).get(0);
        }
        return v;
    }

    @Test
    void exceptionAccessorsAgreeWithMessage() {
        JsonParseException e = failure("[1,,2]");
        assertEquals(3, e.offset());
        assertEquals(1, e.line());
        assertEquals(4, e.column());
        assertEquals("expected a JSON value (object, array, string, number, true, false or null), found ','"
                + " at offset 3 (line 1, column 4)", e.getMessage());
    }

    @Test
    void numberLiteralsAreLimitedTo1000Characters() {
        String max = "9".repeat(1000);
        assertEquals(new BigInteger(max), Json.parse(max, Json.Options.DEFAULT.withExactNumbers(true)));
        String million = "1" + "0".repeat(999_999);
        for (Json.Options options : List.of(Json.Options.DEFAULT, Json.Options.DEFAULT.withExactNumbers(true))) {
            JsonParseException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> assertThrows(JsonParseException.class, () -> Json.parse("[" + million + "]", options)));
            assertEquals("number 10000000000000000000... is 1000000 characters long (at most 1000) at offset 1"
                    + " (line 1, column 2)", e.getMessage());
        }
        assertEquals("number 0.000000000000000000... is 1001 characters long (at most 1000)",
                failure("0." + "0".repeat(999)).reason());
    }

    @Test
    void duplicateKeysAreQuotedShortAndEscaped() {
        String key = "\\u0007" + "k".repeat(500);
        assertEquals("duplicate key \"\\u0007" + "k".repeat(79) + "... (501 chars)\"",
                failure("{\"" + key + "\":1,\"" + key + "\":2}").reason());
    }

    @Test
    void nonFiniteTokensOnlyWhenAskedForAndTheyRoundTrip() {
        String line = "{\"a\":NaN,\"b\":Infinity,\"c\":-Infinity,\"d\":1.5}";
        assertThrows(JsonParseException.class, () -> Json.parseObject(line));
        Map<String, Object> m = Json.parseObject(line, Json.Options.DEFAULT.withNonFiniteNumbers(true));
        assertTrue(Double.isNaN((Double) m.get("a")));
        assertEquals(Double.POSITIVE_INFINITY, m.get("b"));
        assertEquals(Double.NEGATIVE_INFINITY, m.get("c"));
        assertEquals(line, Json.writeAllowingNonFinite(m));
        assertThrows(IllegalArgumentException.class, () -> Json.write(m), "strict JSON writes no NaN");
    }
}
