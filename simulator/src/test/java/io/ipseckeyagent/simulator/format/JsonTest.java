package io.ipseckeyagent.simulator.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonTest {
    @Test
    void rendersWhatAJsonParserReadsBackInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("quote\"and\\slash", "line\nbreak\u0001");
        inner.put("none", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", 1.5);
        outer.put("a", List.of(1, 2, 3));
        outer.put("objects", List.of(inner, Map.of()));
        outer.put("yes", true);

        String json = Json.render(outer);
        JsonNode read = JsonMapper.builder().build().readTree(json);

        assertThat(json).startsWith("{\n  \"b\": 1.5,\n  \"a\": [1, 2, 3],");
        assertThat(read.get("objects").get(0).get("quote\"and\\slash").asString()).isEqualTo("line\nbreak\u0001");
        assertThat(read.get("objects").get(0).get("none").isNull()).isTrue();
        assertThat(read.get("yes").asBoolean()).isTrue();
    }

    @Test
    void wholeDoublesHaveNoTrailingZeros() {
        assertThat(Json.render(List.of(150.0, 0.25))).isEqualTo("[150, 0.25]\n");
    }
}
