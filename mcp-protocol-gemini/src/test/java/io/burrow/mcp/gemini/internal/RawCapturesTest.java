package io.burrow.mcp.gemini.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.gemini.GeminiResult;
import io.burrow.mcp.gemini.GeminiUrl;
import io.burrow.mcp.gemini.GemtextDocument;
import io.burrow.mcp.gemini.RequestInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the responses captured from Molly Brown (fixtures/gemini-raw) through the header parser and interpreter. */
final class RawCapturesTest {

    private static final ResponseInterpreter.Limits LIMITS = new ResponseInterpreter.Limits(50_000, List.of(), true);
    private static Path raw;
    private static final Map<String, JsonNode> INDEX = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("fixtures/gemini-raw"))) {
            p = p.getParent();
        }
        raw = p.resolve("fixtures/gemini-raw");
        for (JsonNode e : Json.parse(raw.resolve("index.json").toFile())) {
            INDEX.put(e.path("file").asText(), e);
        }
    }

    record Capture(String file, ResponseHeader header, byte[] body, String request) {
    }

    private static Capture capture(String file) throws Exception {
        byte[] all = Files.readAllBytes(raw.resolve(file));
        int lf = 0;
        while (all[lf] != '\n') {
            lf++;
        }
        ResponseHeader h = ResponseHeader.parse(Arrays.copyOf(all, lf - 1));
        String request = INDEX.get(file).path("request").asText().replace("\\r\\n", "");
        return new Capture(file, h, Arrays.copyOfRange(all, lf + 1, all.length), request);
    }

    static Stream<String> files() throws Exception {
        load();
        return INDEX.keySet().stream().filter(f -> Files.exists(raw.resolve(f))).sorted();
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyCapture_matchesItsIndexEntry(String file) throws Exception {
        Capture c = capture(file);
        JsonNode e = INDEX.get(file);
        assertThat(c.header().status() + (c.header().meta().isEmpty() ? "" : " " + c.header().meta()))
                .isEqualTo(e.path("header").asText());
        assertThat(c.body().length).isEqualTo(e.path("body_length").asInt());
        if (!e.has("note")) { // 19-cgi-env was rewritten after capture (relative paths); its hash is stale
            assertThat(Fingerprints.of(Files.readAllBytes(raw.resolve(file)))).isEqualTo(e.path("sha256").asText());
        }
    }

    private static GeminiResult interpret(String file) throws Exception {
        Capture c = capture(file);
        GeminiUrl url;
        try {
            url = GeminiUrl.parse(c.request());
        } catch (BurrowException e) {
            url = GeminiUrl.parse("gemini://localhost/"); // the captures of invalid requests (too long, https://)
        }
        RequestInfo info = new RequestInfo(url.toString(), url.host(), url.port(), url.path(), false, "t", null, null,
                null, null, null, null, null, null);
        return ResponseInterpreter.interpret(url, c.header(), c.body(), c.body().length, false, info, null, LIMITS);
    }

    @Test
    void homePage_isGemtextWithAbsoluteLinksAndPreformattedBlocks() throws Exception {
        GeminiResult.Gemtext g = (GeminiResult.Gemtext) interpret("01-home.raw");
        assertThat(g.lang()).isEqualTo("en");
        assertThat(g.size()).isEqualTo(1513);
        List<GemtextDocument.Link> links = g.document().links();
        assertThat(links).hasSize(17);
        assertThat(links.get(0)).isEqualTo(new GemtextDocument.Link("gemini://localhost/docs/", "Documents (subdirectory with index.gmi)"));
        assertThat(links.get(1).url()).isEqualTo("gemini://localhost/docs/listing/");
        assertThat(links).extracting(GemtextDocument.Link::url).contains("gopher://127.0.0.1:7070/", "https://example.invalid/");
        assertThat(links.stream().filter(l -> l.text() == null)).hasSize(1);
        List<GemtextDocument.Line> pre = g.document().lines().stream().filter(l -> l.type().equals("preformat")).toList();
        assertThat(pre).hasSize(2);
        assertThat(pre.get(0).alt()).isEqualTo("ascii-art");
        assertThat(pre.get(1).text()).contains("=> this is not a link");
        assertThat(g.document().lines()).extracting(GemtextDocument.Line::type)
                .contains("heading1", "heading2", "heading3", "list", "quote");
        assertThat(g.document().lines().get(g.document().lines().size() - 1).text()).contains("zyzzyva");
    }

    @Test
    void gemtextTour_handlesEdgeSyntax() throws Exception {
        GeminiResult.Gemtext g = (GeminiResult.Gemtext) interpret("07-gemtext-tour.raw");
        assertThat(g.document().links()).containsExactly(
                new GemtextDocument.Link("gemini://localhost/docs/unicode.gmi", "Link with a TAB separator and no space after =>"),
                new GemtextDocument.Link("gemini://localhost/index.gmi", "Link with extra whitespace"),
                new GemtextDocument.Link("gemini://localhost/docs/unicode.gmi", null));
        assertThat(g.document().lines()).contains(GemtextDocument.Line.of("text", "*Not a list item (no space after the asterisk)"),
                GemtextDocument.Line.of("quote", "Quote without a space"), GemtextDocument.Line.of("heading1", "Heading without a space"),
                new GemtextDocument.Line("preformat", "preformatted\n\twith a tab", null, null));
    }

    @Test
    void unicodePage_andPlainText_decodeAsUtf8() throws Exception {
        GeminiResult.Gemtext u = (GeminiResult.Gemtext) interpret("08-unicode.raw");
        assertThat(u.document().lines().stream().map(l -> String.valueOf(l.text())).reduce("", String::concat))
                .contains("Москва", "東京");
        GeminiResult.Success t = (GeminiResult.Success) interpret("09-text-plain.raw");
        assertThat(t.mimeType()).isEqualTo(new GeminiResult.MimeInfo("text", "plain", "utf-8", null));
        assertThat(t.content()).isEqualTo(new String(capture("09-text-plain.raw").body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void png_isBinaryMetadata() throws Exception {
        GeminiResult.Binary b = (GeminiResult.Binary) interpret("10-image-png.raw");
        assertThat(b.mimeType()).isEqualTo("image/png");
        assertThat(b.size()).isEqualTo(4354);
    }

    @Test
    void inputs_certificates_andFailures() throws Exception {
        assertThat(interpret("15-input-10.raw")).isEqualTo(new GeminiResult.Input("Enter a search term", false, 10,
                interpret("15-input-10.raw").requestInfo()));
        assertThat(((GeminiResult.Input) interpret("18-sensitive-input-11.raw")).sensitive()).isTrue();
        GeminiResult.Certificate c = (GeminiResult.Certificate) interpret("20-cert-required-60.raw");
        assertThat(c.required()).isTrue();
        assertThat(c.suggestedScope()).isEqualTo("gemini://localhost/private");
        assertThat(((GeminiResult.Certificate) interpret("22-cert-not-authorised-61.raw")).required()).isFalse();
        assertThatThrownBy(() -> interpret("14-not-found-51.raw")).isInstanceOf(BurrowException.class)
                .extracting(e -> ((BurrowException) e).details().get("status")).isEqualTo(51);
        assertThatThrownBy(() -> interpret("23-wrong-host-53.raw")).extracting(e -> ((BurrowException) e).code())
                .isEqualTo("PERMANENT_ERROR");
        assertThatThrownBy(() -> interpret("27-too-long-59.raw")).hasMessageContaining("59");
    }

    @Test
    void redirects_resolveToCanonicalAbsoluteUrls() throws Exception {
        for (String f : List.of("02-home-no-slash.raw", "05-docs-no-trailing-slash.raw", "12-redirect-temp-30.raw",
                "13-redirect-perm-31.raw")) {
            Capture c = capture(f);
            assertThat(c.header().category()).isEqualTo(3);
            String target = GeminiUrl.parse(c.request()).resolve(c.header().meta());
            assertThat(target).startsWith("gemini://localhost/").doesNotContain(":1965");
        }
    }
}
