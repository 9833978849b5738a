package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class GlassDatabaseTest {

    @Test
    void versionRecord_readsStatsOfPeerFulltextDb() {
        GlassDatabase db = Fixtures.fulltext();
        assertThat(db.docCount()).isEqualTo(32);
        assertThat(db.totalLength()).isEqualTo(6900);
        assertThat(db.version().postlist().blockSize()).isEqualTo(8192);
        assertThat(db.version().postlist().numEntries()).isEqualTo(722);
        assertThat(db.hasPositions()).isFalse();
    }

    @Test
    void metadata_readsLibzimKeys() {
        GlassDatabase db = Fixtures.fulltext();
        assertThat(db.metadata("valuesmap")).isEqualTo("title:0;wordcount:1;geo.position:2");
        assertThat(db.metadata("kind")).isEqualTo("fulltext");
        assertThat(db.metadata("language")).isEqualTo("eng");
        assertThat(db.metadata("nope")).isEmpty();
        assertThat(Fixtures.title().metadata("valuesmap")).isEqualTo("title:0;targetPath:1");
    }

    @Test
    void postings_zyzzyvaIsOnlyInQuasar() {
        GlassDatabase db = Fixtures.fulltext();
        PostingList pl = db.postings("zyzzyva");
        assertThat(pl.termFreq()).isEqualTo(1);
        long did = pl.next();
        assertThat(db.documentData(did)).isEqualTo("C/wiki/Quasar.html");
        assertThat(db.value(0, did)).as("libzim stores the folded title").isEqualTo("quasar");
        assertThat(pl.next()).isEqualTo(PostingList.END);
        assertThat(db.postings("nonexistentterm")).isNull();
    }

    @Test
    void postings_protocolCoversEveryDocumentAndSkipToWorks() {
        GlassDatabase db = Fixtures.fulltext();
        PostingList pl = db.postings("protocol");
        List<Long> dids = new ArrayList<>();
        for (long d = pl.next(); d != PostingList.END; d = pl.next()) {
            dids.add(d);
        }
        assertThat(dids).hasSize((int) pl.termFreq());
        PostingList again = db.postings("protocol");
        assertThat(again.skipTo(dids.get(10))).isEqualTo(dids.get(10));
        assertThat(again.skipTo(Long.MAX_VALUE - 1)).isEqualTo(PostingList.END);
    }

    @Test
    void docLengths_sumToTotalLength() {
        GlassDatabase db = Fixtures.fulltext();
        PostingList pl = db.docLengths();
        long sum = 0;
        int n = 0;
        for (long d = pl.next(); d != PostingList.END; d = pl.next()) {
            sum += pl.wdf();
            n++;
        }
        assertThat(n).isEqualTo(32);
        assertThat(sum).isEqualTo(6900);
        assertThat(db.docLength(15)).isPositive();
    }

    @Test
    void titleDb_hasPositionsForAnchorAndStemmedTerms() {
        GlassDatabase db = Fixtures.title();
        assertThat(db.docCount()).isEqualTo(33);
        assertThat(db.hasPositions()).isTrue();
        PostingList pl = db.postings("0posanchor");
        assertThat(pl.termFreq()).isEqualTo(33);
        long did = pl.next();
        assertThat(db.positions("0posanchor", did)).containsExactly(1);
        assertThat(db.termExists("Zlovelac")).isTrue();
        assertThat(db.termsWithPrefix("lov", 100)).extracting(GlassDatabase.TermFreq::term).containsExactly("lovelace");
    }
}
