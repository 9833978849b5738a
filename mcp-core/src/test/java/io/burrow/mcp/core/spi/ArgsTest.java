package io.burrow.mcp.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 8: an integer argument outside its bounds is out of range, however large; only what
 * is not a whole number is "not an integer". On a71c437 an offset of 2^62 was "must be an integer".
 */
final class ArgsTest {

    private static Args args(String json) throws Exception {
        return new Args((ObjectNode) Json.parse(json));
    }

    private static String refusal(String json, int min, int max) {
        try {
            args(json).integer("offset", 0, min, max);
        } catch (InvalidRequestException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void wholeNumbersBeyondTheBounds_areOutOfRange_howeverLarge() {
        String bounds = "Argument 'offset' is out of range: must be between 0 and 2147483647, was ";
        assertThat(refusal("{\"offset\":4611686018427387904}", 0, Integer.MAX_VALUE)).isEqualTo(bounds + "4611686018427387904");
        assertThat(refusal("{\"offset\":2147483648}", 0, Integer.MAX_VALUE)).isEqualTo(bounds + "2147483648");
        assertThat(refusal("{\"offset\":9223372036854775808}", 0, Integer.MAX_VALUE)).isEqualTo(bounds + "9223372036854775808");
        assertThat(refusal("{\"offset\":-4611686018427387904}", 0, Integer.MAX_VALUE)).isEqualTo(bounds + "-4611686018427387904");
        assertThat(refusal("{\"offset\":1e30}", 0, Integer.MAX_VALUE)).isEqualTo(bounds + "1.0E30");
        assertThat(refusal("{\"offset\":1e400}", 0, Integer.MAX_VALUE)).startsWith(bounds);
        assertThat(refusal("{\"offset\":" + "9".repeat(200) + "}", 0, Integer.MAX_VALUE)).isEqualTo(bounds + "9".repeat(40) + "…");
        assertThat(refusal("{\"offset\":101}", 0, 100)).isEqualTo("Argument 'offset' is out of range: must be between 0 and 100, was 101");
        assertThat(refusal("{\"offset\":-1}", 0, 100)).isEqualTo("Argument 'offset' is out of range: must be between 0 and 100, was -1");
    }

    @Test
    void onlyWhatIsNotAWholeNumber_isNotAnInteger() throws Exception {
        assertThat(refusal("{\"offset\":2.5}", 0, 100)).isEqualTo("Argument 'offset' must be an integer");
        assertThat(refusal("{\"offset\":\"2\"}", 0, 100)).isEqualTo("Argument 'offset' must be an integer");
        assertThat(refusal("{\"offset\":true}", 0, 100)).isEqualTo("Argument 'offset' must be an integer");
        assertThat(args("{\"offset\":2.0}").integer("offset", 0, 0, 100)).isEqualTo(2);
        assertThat(args("{\"offset\":1e2}").integer("offset", 0, 0, 100)).isEqualTo(100);
        assertThat(args("{\"offset\":-0.0}").integer("offset", 5, 0, 100)).isZero();
        assertThat(args("{\"offset\":2147483647}").integer("offset", 0, 0, Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(args("{\"offset\":null}").integer("offset", 7, 0, 100)).isEqualTo(7);
        assertThat(args("{}").integer("offset", 7, 0, 100)).isEqualTo(7);
        assertThatThrownBy(() -> args("{\"offset\":[1]}").integer("offset", 0, 0, 1)).hasMessage("Argument 'offset' must be an integer");
    }
}
