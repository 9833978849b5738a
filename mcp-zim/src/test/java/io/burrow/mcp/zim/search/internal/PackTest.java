package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.zim.search.IndexFormatException;
import java.io.ByteArrayOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

final class PackTest {

    @Property(tries = 500)
    void uintPreservingSort_roundTripsAndPreservesOrder(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long a,
                                                        @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long b) {
        byte[] ea = enc(a);
        byte[] eb = enc(b);
        assertThat(new Pack(ea).uintPreservingSort()).isEqualTo(a);
        assertThat(Integer.signum(java.util.Arrays.compareUnsigned(ea, eb))).isEqualTo(Long.signum(Long.compare(a, b)));
    }

    private static byte[] enc(long v) {
        return Pack.withUintPreservingSort(new byte[0], v);
    }

    @Property(tries = 500)
    void uint_roundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pack.appendUint(out, v);
        assertThat(new Pack(out.toByteArray()).uint()).isEqualTo(v);
    }

    @Test
    void knownEncodings_matchXapian() {
        assertThat(enc(1)).containsExactly(0x00, 0x01);
        assertThat(new Pack(new byte[] {'1'}).bool()).isTrue();
        assertThat(new Pack(new byte[] {(byte) 0x96, 0x01}).uint()).isEqualTo(150);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pack.appendStringPreservingSort(out, new byte[] {'a', 0, 'b'}, false);
        assertThat(out.toByteArray()).containsExactly('a', 0, 0xFF, 'b', 0);
        assertThat(new Pack(out.toByteArray()).stringPreservingSort()).containsExactly('a', 0, 'b');
    }

    @Test
    void truncatedOrOversizedData_raisesTypedErrors() {
        assertThatThrownBy(() -> new Pack(new byte[] {(byte) 0x80}).uint()).isInstanceOf(IndexFormatException.class);
        assertThatThrownBy(() -> new Pack(new byte[] {5, 'a'}).string()).isInstanceOf(IndexFormatException.class);
        assertThatThrownBy(() -> new Pack(new byte[] {'x'}).bool()).isInstanceOf(IndexFormatException.class);
        byte[] huge = new byte[11];
        java.util.Arrays.fill(huge, (byte) 0xFF);
        assertThatThrownBy(() -> new Pack(huge).uint()).isInstanceOf(IndexFormatException.class);
        assertThatThrownBy(() -> new Pack(new byte[] {(byte) 0xFF, 1, 2}).uintPreservingSort())
                .isInstanceOf(IndexFormatException.class);
    }

    @Test
    void roundEstimate_followsXapian() {
        assertThat(Matcher.roundEstimate(4, 16, 12)).isEqualTo(10);
        assertThat(Matcher.roundEstimate(32, 32, 32)).isEqualTo(32);
        assertThat(Matcher.roundEstimate(11, 1234, 24)).isEqualTo(20);
        assertThat(Matcher.roundEstimate(23, 1234, 24)).isEqualTo(30);
        assertThat(Matcher.roundEstimate(0, 5, 3)).isEqualTo(3);
    }
}
