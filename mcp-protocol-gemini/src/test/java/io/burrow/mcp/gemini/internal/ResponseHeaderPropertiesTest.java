package io.burrow.mcp.gemini.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.BurrowException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the header parser: round trip on valid headers, only PROTOCOL_ERROR on anything else. */
final class ResponseHeaderPropertiesTest {

    @Property(tries = 1000)
    void parse_roundTripsEveryValidHeader(@ForAll @IntRange(min = 10, max = 69) int status, @ForAll("metas") String meta) {
        ResponseHeader h = ResponseHeader.parse((status + " " + meta).getBytes(StandardCharsets.UTF_8));
        assertThat(h.status()).isEqualTo(status);
        assertThat(h.meta()).isEqualTo(meta.strip());
        assertThat(h.category()).isEqualTo(status / 10);
    }

    @Property(tries = 1000)
    void parse_onArbitraryBytes_returnsAHeaderOrAProtocolError(@ForAll byte[] bytes) {
        try {
            ResponseHeader h = ResponseHeader.parse(bytes);
            assertThat(h.status()).isBetween(10, 69);
            assertThat(h.meta().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ResponseHeader.MAX_META_BYTES);
        } catch (BurrowException e) {
            assertThat(e.code()).isEqualTo("PROTOCOL_ERROR");
        }
    }

    @Property(tries = 300)
    void parse_rejectsStatusesOutsideTheRange(@ForAll @IntRange(min = 0, max = 99) int status) {
        if (status >= 10 && status <= 69) {
            return;
        }
        String header = String.format("%02d meta", status);
        try {
            ResponseHeader.parse(header.getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("accepted " + header);
        } catch (BurrowException e) {
            assertThat(e.code()).isEqualTo("PROTOCOL_ERROR");
        }
    }

    @Provide
    Arbitrary<String> metas() {
        return Arbitraries.strings().all().ofMaxLength(300)
                .filter(s -> s.indexOf('\r') < 0 && s.indexOf('\n') < 0)
                .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
    }
}
