package io.burrow.mcp.gopher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

final class MimeTypesTest {

    @Test
    void itemType_thenExtension_thenMagic() throws IOException {
        byte[] png = MenuParserTest.raw("10-image-png.raw");
        assertThat(MimeTypes.guess('g', "/x.png", png, png.length)).isEqualTo("image/gif"); // type first
        assertThat(MimeTypes.guess('I', "/photo.JPG", png, png.length)).isEqualTo("image/jpeg"); // then extension
        assertThat(MimeTypes.guess('I', "/files/logo", png, png.length)).isEqualTo("image/png"); // then magic
        byte[] sample = MenuParserTest.raw("09-binary-sample.raw");
        assertThat(MimeTypes.guess('9', "/files/sample", sample, sample.length)).isEqualTo("application/octet-stream");
    }

    @Test
    void sniff_knowsCommonFormats() {
        assertThat(MimeTypes.sniff("%PDF-1.7".getBytes(), 8)).isEqualTo("application/pdf");
        assertThat(MimeTypes.sniff(new byte[] {0x1F, (byte) 0x8B, 8}, 3)).isEqualTo("application/gzip");
        assertThat(MimeTypes.sniff("RIFF\0\0\0\0WEBPVP8".getBytes(), 15)).isEqualTo("image/webp");
        assertThat(MimeTypes.sniff("GIF89a".getBytes(), 6)).isEqualTo("image/gif");
        assertThat(MimeTypes.sniff("RIFF".getBytes(), 4)).isEqualTo("application/octet-stream");
        assertThat(MimeTypes.sniff(new byte[0], 0)).isEqualTo("application/octet-stream");
    }
}
