package org.kindling.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cross-checks the reader and writer against Jackson on generated documents. */
class JsonTest {
    private static final ObjectMapper JACKSON =
            new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    @Test
    void jacksonReadsWhatWeWriteAndWeReadWhatJacksonWrites() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 300; i++) {
            Object doc = randomValue(random, 0);
            for (String text : List.of(Json.write(doc), Json.writePretty(doc))) {
                assertEquals(doc, JACKSON.readValue(text, Object.class), text);
                assertEquals(doc, Json.parse(text));
            }
            String theirs = JACKSON.writeValueAsString(doc);
            assertEquals(doc, Json.parse(theirs), theirs);
        }
    }

    @Test
    void typeNames() {
        assertEquals("object", Json.typeName(Map.of()));
        assertEquals("array", Json.typeName(List.of()));
        assertEquals("string", Json.typeName(""));
        assertEquals("number", Json.typeName(1L));
        assertEquals("number", Json.typeName(new BigDecimal("1.5")));
        assertEquals("boolean", Json.typeName(true));
        assertEquals("null", Json.typeName(null));
    }

    private static Object randomValue(SplittableRandom r, int depth) {
        int kind = r.nextInt(depth >= 4 ? 5 : 7);
        switch (kind) {
            case 0: return null;
            case 1: return r.nextBoolean();
            case 2: return r.nextBoolean() ? (long) r.nextInt(-1000, 1000) : r.nextLong();
            case 3: {
                double d = Double.longBitsToDouble(r.nextLong());
                return Double.isFinite(d) ? d : r.nextDouble();
            }
            case 4: return randomString(r);
            case 5: {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    map.put(randomString(r), randomValue(r, depth + 1));
                }
                return map;
            }
        }
    }

    private static String randomString(SplittableRandom r) {
        String alphabet = "ab.\"\\/\n\t\u0000\u001fé€\u2028";
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            if (r.nextInt(10) == 0) {
                sb.append("😀");
            } else {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }
}
