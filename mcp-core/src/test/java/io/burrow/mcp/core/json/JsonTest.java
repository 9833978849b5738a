package io.burrow.mcp.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JsonTest {

    @Test
    void readObject_givesWhatTheTypedReadGives() throws Exception {
        String text = """
                {"s":"x","i":7,"l":12345678901,"big":123456789012345678901234567890,"d":0.5,"t":true,"f":false,
                 "n":null,"a":[1,"two",[3],{"k":null}],"o":{"nested":{"deep":[]}},"e":{}}""";
        Map<String, Object> read = Json.readObject(text);
        assertThat(read).isEqualTo(Json.read(text, new TypeReference<Map<String, Object>>() { }));
        assertThat(read.keySet()).containsExactly("s", "i", "l", "big", "d", "t", "f", "n", "a", "o", "e");
    }

    @Test
    void readObject_refusesWhatIsNoObject() {
        assertThatThrownBy(() -> Json.readObject("[1]")).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Json.readObject("{\"a\":")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.readObject("")).isInstanceOf(JsonProcessingException.class);
    }
}
