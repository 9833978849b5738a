package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.InvalidRequestException;
import org.junit.jupiter.api.Test;

final class PathCodecTest {

    @Test
    void entryUri_roundTripsArchiveNamesWithSlashesAndPathsWithAnything() {
        String uri = PathCodec.entryUri("docs/python 3.zim", "wiki/Zürich (x)?#%.html");
        assertThat(uri).isEqualTo("zim://docs%2Fpython%203.zim/wiki/Z%C3%BCrich%20(x)%3F%23%25.html");
        assertThat(PathCodec.parse(uri)).isEqualTo(new PathCodec.ZimUri("docs/python 3.zim", "wiki/Zürich (x)?#%.html"));
        assertThat(PathCodec.parse("zim://a.zim")).isEqualTo(new PathCodec.ZimUri("a.zim", null));
        assertThat(PathCodec.parse("ZIM://a.zim/x#frag")).isEqualTo(new PathCodec.ZimUri("a.zim", "x"));
    }

    @Test
    void strictDecoding_refusesMalformedEscapesAndInvalidUtf8() {
        assertThat(PathCodec.percentDecode("a%2Fb+c", "x")).isEqualTo("a/b+c");
        assertThatThrownBy(() -> PathCodec.percentDecode("a%2", "x")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PathCodec.percentDecode("%C3", "x")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PathCodec.parse("http://a.zim/x")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PathCodec.parse("zim:///x")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void lenientDecoding_leavesMalformedEscapesAndInvalidUtf8Alone() {
        assertThat(PathCodec.percentDecodeLenient("a%2")).isEqualTo("a%2");
        assertThat(PathCodec.percentDecodeLenient("100%")).isEqualTo("100%");
        assertThat(PathCodec.percentDecodeLenient("%zz%41")).isEqualTo("%zzA");
        assertThat(PathCodec.percentDecodeLenient("%E6%9D")).isEqualTo("%E6%9D");
        assertThat(PathCodec.percentDecodeLenient("東%E4%BA%AC")).isEqualTo("東京");
        assertThat(PathCodec.percentDecodeLenient("a+b")).isEqualTo("a+b");
    }
}
