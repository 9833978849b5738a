package io.burrow.mcp.gopher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.gopher.GopherResult.MenuItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MenuParserTest {

    static byte[] raw(String name) throws IOException {
        Path p = Path.of("..", "fixtures", "gopher-raw", name);
        return Files.readAllBytes(Files.exists(p) ? p : Path.of("fixtures", "gopher-raw", name));
    }

    static MenuParser.ParsedMenu parse(byte[] b) {
        return MenuParser.parse(b, b.length, false, 1000);
    }

    static MenuParser.ParsedMenu parse(String s) {
        return parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rootMenu_capture_keepsInfoLinesAndLinks() throws IOException {
        MenuParser.ParsedMenu m = parse(raw("01-root-menu.raw"));
        List<MenuItem> items = m.items();
        assertThat(m.truncated()).isFalse();
        assertThat(items).hasSize(32); // 33 lines, the last is the terminator
        assertThat(items.get(0)).isEqualTo(new MenuItem("i", "Peer Test Gopherhole", "TITLE", "null.host", 0, null, null));
        MenuItem about = items.get(5);
        assertThat(about.type()).isEqualTo("0");
        assertThat(about.title()).isEqualTo("About this gopherhole");
        assertThat(about.nextUrl()).isEqualTo("gopher://127.0.0.1:7070/0/about.txt");
        assertThat(items.get(6).title()).isEqualTo("UTF-8 sample text (Zürich, Москва, 東京)");
        MenuItem html = items.stream().filter(i -> i.type().equals("h")).findFirst().orElseThrow();
        assertThat(html.nextUrl()).isEqualTo("http://example.invalid/");
        MenuItem error = items.stream().filter(i -> i.type().equals("3")).findFirst().orElseThrow();
        assertThat(error.nextUrl()).isNull();
        MenuItem external = items.get(items.size() - 1);
        assertThat(external.host()).isEqualTo("gopher.invalid");
        assertThat(external.nextUrl()).isEqualTo("gopher://gopher.invalid/1/");
        MenuItem search = items.stream().filter(i -> i.type().equals("7")).findFirst().orElseThrow();
        assertThat(search.nextUrl()).isEqualTo("gopher://127.0.0.1:7070/7/cgi-bin/search");
    }

    @Test
    void rootAndSlashCaptures_parseIdentically() throws IOException {
        assertThat(parse(raw("02-root-menu-slash.raw"))).isEqualTo(parse(raw("01-root-menu.raw")));
    }

    @Test
    void autoListing_capture_hasParentLinkAndFiles() throws IOException {
        List<MenuItem> items = parse(raw("08-menu-auto-deeper.raw")).items();
        assertThat(items).extracting(MenuItem::title)
                .containsExactly("[/docs/deeper/]", "", "..", "more", "nested.txt", "notes.txt");
        assertThat(items.get(2).nextUrl()).isEqualTo("gopher://127.0.0.1:7070/1/docs/");
    }

    @Test
    void searchCaptures_giveResultLinks() throws IOException {
        List<MenuItem> hits = parse(raw("11-search-zyzzyva.raw")).items();
        assertThat(hits).extracting(MenuItem::selector).contains("/about.txt", "/docs/deeper/notes.txt");
        assertThat(parse(raw("12-search-utf8.raw")).items().get(0).title()).isEqualTo("Search results for \"Zürich\"");
        assertThat(parse(raw("13-search-nomatch.raw")).items()).extracting(MenuItem::type).containsOnly("i");
    }

    @Test
    void notFoundDirectory_isOneErrorItem() throws IOException {
        List<MenuItem> items = parse(raw("16-not-found-dir.raw")).items();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).type()).isEqualTo("3");
        assertThat(items.get(0).title()).isEqualTo("Error: File or directory not found! (null)");
    }

    @Test
    void sloppyLines_areKeptAsInfoItems() {
        List<MenuItem> items = parse("iBare info line\nJust some text\n0Half a link\t/half\r\n"
                + "1Real\t/r\th\t70\n.\n").items();
        assertThat(items).extracting(MenuItem::type).containsExactly("i", "i", "i", "1");
        assertThat(items).extracting(MenuItem::title).containsExactly("Bare info line", "Just some text", "Half a link", "Real");
        assertThat(items.get(2).selector()).isEqualTo("/half");
        assertThat(items.get(2).nextUrl()).isNull();
    }

    @Test
    void gopherPlusFifthField_isFlaggedNotRejected() {
        List<MenuItem> items = parse("1Plus\t/p\th\t70\t+\n0Plain\t/q\th\t70\n").items();
        assertThat(items.get(0).gopherPlus()).isTrue();
        assertThat(items.get(0).nextUrl()).isEqualTo("gopher://h/1/p");
        assertThat(items.get(1).gopherPlus()).isNull();
    }

    @Test
    void badPorts_fallBackTo70() {
        List<MenuItem> items = parse("0a\t/a\th\tseventy\n0b\t/b\th\t0\n0c\t/c\th\t99999\n0d\t/d\th\t 7070 \n").items();
        assertThat(items).extracting(MenuItem::port).containsExactly(70, 70, 70, 7070);
    }

    @Test
    void stopsAtTerminator_andHandlesCrAndEmptyType() {
        List<MenuItem> items = parse("0a\t/a\th\t70\r.\r\n0after\t/x\th\t70\n").items();
        assertThat(items).hasSize(1);
        List<MenuItem> noType = parse("\tsel\th\t70\n").items();
        assertThat(noType.get(0).type()).isEqualTo("i");
    }

    @Test
    void itemCap_setsTruncated() {
        MenuParser.ParsedMenu m = MenuParser.parse("ia\n".repeat(10).getBytes(StandardCharsets.US_ASCII), 30, false, 4);
        assertThat(m.items()).hasSize(4);
        assertThat(m.truncated()).isTrue();
    }

    @Test
    void cutResponse_dropsPartialLastLine() {
        byte[] b = "0a\t/a\th\t70\r\n0partial\t/p".getBytes(StandardCharsets.US_ASCII);
        MenuParser.ParsedMenu m = MenuParser.parse(b, b.length, true, 100);
        assertThat(m.items()).hasSize(1);
        assertThat(m.truncated()).isTrue();
    }

    @Test
    void latin1Menu_isDecodedAsLatin1() {
        byte[] b = "iZ\u00fcrich\t\th\t1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(b).items().get(0).title()).isEqualTo("Zürich");
    }

    @Test
    void selectorsNeedingEncoding_getEncodedNextUrl() {
        MenuItem item = parse("0Spaced\t/a b?c\th\t70\n").items().get(0);
        assertThat(item.nextUrl()).isEqualTo("gopher://h/0/a%20b%3Fc");
        MenuItem ipv6 = parse("1v6\t/\t::1\t7070\n").items().get(0);
        assertThat(ipv6.nextUrl()).isEqualTo("gopher://[::1]:7070/1/");
        MenuItem badHost = parse("1bad\t/\tno host!\t70\n").items().get(0);
        assertThat(badHost.nextUrl()).isNull();
    }
}
