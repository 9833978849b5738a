package io.burrow.mcp.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.net.PercentCodec.EncodeSet;
import org.junit.jupiter.api.Test;

final class PercentCodecTest {

    @Test
    void encode_keepsOnlyTheCharactersOfTheSet() {
        String s = "a b/c?d#e%f:g@h!i+j~k";
        assertThat(PercentCodec.encode(s, EncodeSet.UNRESERVED))
                .isEqualTo("a%20b%2Fc%3Fd%23e%25f%3Ag%40h%21i%2Bj~k");
        assertThat(PercentCodec.encode(s, EncodeSet.PATH_SEGMENT)).isEqualTo("a%20b%2Fc%3Fd%23e%25f:g@h!i+j~k");
        assertThat(PercentCodec.encode(s, EncodeSet.PATH)).isEqualTo("a%20b/c%3Fd%23e%25f:g@h!i+j~k");
        assertThat(PercentCodec.encode(s, EncodeSet.QUERY)).isEqualTo("a%20b/c?d%23e%25f:g@h!i+j~k");
    }

    @Test
    void encode_writesUtf8BytesInUpperCaseHex_andReturnsPlainTextItself() {
        assertThat(PercentCodec.encode("naïve café", EncodeSet.UNRESERVED)).isEqualTo("na%C3%AFve%20caf%C3%A9");
        assertThat(PercentCodec.encode("\uD83D\uDE00", EncodeSet.PATH)).isEqualTo("%F0%9F%98%80");
        assertThat(PercentCodec.encode("\uD83D", EncodeSet.PATH)).isEqualTo("%3F"); // a lone surrogate
        String plain = "abc/def";
        assertThat(PercentCodec.encode(plain, EncodeSet.PATH)).isSameAs(plain);
    }

    @Test
    void encodeNonAscii_leavesAsciiAndEscapesAlone() {
        assertThat(PercentCodec.encodeNonAscii("/päth?q=a%20b c")).isEqualTo("/p%C3%A4th?q=a%20b c");
    }

    @Test
    void decodeStrict_decodesUtf8_andRefusesMalformedEscapesAndInvalidUtf8() {
        assertThat(PercentCodec.decodeStrict("a%2Fb%c3%a4+c", "path")).isEqualTo("a/bä+c");
        assertThat(PercentCodec.decodeStrict("ä%20", "path")).isEqualTo("ä ");
        for (String bad : new String[] {"100%", "%4", "%G1", "%FF", "%C3", "%\u0663\u0663"}) {
            assertThatThrownBy(() -> PercentCodec.decodeStrict(bad, "entry_path"))
                    .as(bad).isInstanceOf(InvalidRequestException.class).hasMessageContaining("entry_path");
        }
    }

    @Test
    void decodeLenient_keepsMalformedEscapes_andReportsInvalidUtf8() {
        assertThat(PercentCodec.decodeLenient("100% sure %4x %41")).contains("100% sure %4x A");
        assertThat(PercentCodec.decodeLenient("%FF")).isEmpty();
        assertThat(PercentCodec.decodeLenient("%E2%82%AC")).contains("€");
    }

    @Test
    void roundTrip_everySetDecodesBackToTheText() {
        String s = "Grüße / \t?#[]%\uD83D\uDE00 x";
        for (EncodeSet set : EncodeSet.values()) {
            assertThat(PercentCodec.decodeStrict(PercentCodec.encode(s, set), "x")).as(set.name()).isEqualTo(s);
        }
    }
}
