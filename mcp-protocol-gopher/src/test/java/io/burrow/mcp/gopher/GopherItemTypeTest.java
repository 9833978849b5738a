package io.burrow.mcp.gopher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class GopherItemTypeTest {

    @Test
    void categories_matchRfc1436AndCommonExtensions() {
        assertThat("17".chars().allMatch(c -> GopherItemType.of((char) c).isMenu())).isTrue();
        assertThat("4569gIds;pPM<:".chars().allMatch(c -> GopherItemType.of((char) c).isBinary())).isTrue();
        assertThat("28T".chars().allMatch(c -> GopherItemType.of((char) c).isInteractive())).isTrue();
        assertThat(GopherItemType.of('0').category()).isEqualTo(GopherItemType.Category.TEXT);
        assertThat(GopherItemType.of('h').category()).isEqualTo(GopherItemType.Category.HTML);
        assertThat(GopherItemType.of('+').category()).isEqualTo(GopherItemType.Category.TEXT);
        assertThat(GopherItemType.of('8').description()).isEqualTo("telnet session");
    }
}
