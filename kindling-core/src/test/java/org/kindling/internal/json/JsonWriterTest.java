package org.kindling.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void compactOutputHasNoWhitespaceAndKeepsOrder() {
        Object v = map("z", 1L, "a", Arrays.asList(true, false, null, "s"), "m", map(), "l", List.of());
        assertEquals("{\"z\":1,\"a\":[true,false,null,\"s\"],\"m\":{},\"l\":[]}", Json.write(v));
    }

    @Test
    void prettyOutputMatchesPythonIndent2() {
        // json.dumps({"a": 1, "b": [1, {"c": None}], "d": {}, "e": []}, indent=2)
        Object v = map("a", 1, "b", List.of(1, map("c", null)), "d", map(), "e", List.of());
        String expected = """
                {
                  "a": 1,
                  "b": [
                    1,
                    {
                      "c": null
                    }
                  ],
                  "d": {},
                  "e": []
                }""";
        assertEquals(expected, Json.writePretty(v));
        assertEquals("1", Json.writePretty(1));
    }

    @Test
    void numbers() {
        assertEquals("[1,2,3,4,-9223372036854775808,18446744073709551616,1E+3,0.25,0.1,1e-05]",
                Json.write(List.of(1, (short) 2, (byte) 3, 4L, Long.MIN_VALUE, BigInteger.TWO.pow(64),
                        new BigDecimal("1E+3"), 0.25, 0.1f, 1e-5)));
    }

    @Test
    void stringsAreEscapedMinimally() {
        // Same text as Python's json.dumps(..., ensure_ascii=False) for these characters.
        String s = "\"\\/\b\f\n\r\t\u0000\u001f\u007fé\u2028😀";
        assertEquals("\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007fé\u2028😀\"", Json.write(s));
        assertEquals("{\"k\\n\":\"v\"}", Json.write(map("k\n", "v")));
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Float.NEGATIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Set.of(1)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new java.util.concurrent.atomic.AtomicLong()));
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1, "x");
        IllegalArgumentException keys = assertThrows(IllegalArgumentException.class, () -> Json.write(intKeys));
        assertTrue(keys.getMessage().contains("keys must be Strings"), keys.getMessage());
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThrows(IllegalArgumentException.class, () -> Json.write(nullKey));
        IllegalArgumentException lone = assertThrows(IllegalArgumentException.class, () -> Json.write("a\uD800b"));
        assertEquals("Json.write: string has an unpaired surrogate U+D800 at index 1", lone.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write("\uDC00"));
        assertThrows(IllegalArgumentException.class, () -> Json.write("\uD800"));
    }

    @Test
    void cyclicStructuresFailInsteadOfOverflowingTheStack() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(cycle));
        assertTrue(e.getMessage().contains("cyclic"), e.getMessage());
    }

    @Test
    void readerReadsBackWhatWriterWrites() {
        Map<String, Object> doc = map(
                "name", "layer1.weight ✓ 😀 \"quoted\" \\ \u0001",
                "ints", List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE),
                "doubles", List.of(0.1, -2.5e-300, 1e300, 4.9e-324, 123456.789, -0.0),
                "flags", Arrays.asList(true, false, null),
                "nested", map("deeper", map("deepest", List.of(List.of(), map()))));
        String compact = Json.write(doc);
        String pretty = Json.writePretty(doc);
        assertEquals(doc, Json.parse(compact));
        assertEquals(doc, Json.parse(pretty));
        assertEquals(compact, Json.write(Json.parse(pretty)));
        assertEquals(pretty, Json.writePretty(Json.parse(compact)));
    }
}
