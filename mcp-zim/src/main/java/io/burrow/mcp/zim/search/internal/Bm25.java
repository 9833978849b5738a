package io.burrow.mcp.zim.search.internal;

/** Xapian 1.4's {@code BM25Weight} without a relevance set, in the same floating-point order. */
public record Bm25(double k1, double k2, double k3, double b, double minNormlen) {

    /** Xapian's defaults: {@code BM25Weight()}. */
    public static final Bm25 DEFAULT = new Bm25(1, 0, 1, 0.5, 0.5);
    /** libzim's suggestion weighting {@code BM25Weight(0.001, 0, 1, 1, 0.5)}. */
    public static final Bm25 SUGGESTION = new Bm25(0.001, 0, 1, 1, 0.5);

    /** The weight of one query term: {@code init()} folded into a callable. */
    public Term term(long collectionSize, long termFreq, double averageLength, int wqf, double factor) {
        double tw = ((double) (collectionSize - termFreq) + 0.5) / (termFreq + 0.5);
        if (tw < 2) {
            tw = tw * 0.5 + 1;
        }
        double termweight = Math.log(tw) * factor;
        if (k3 != 0) {
            double wqfD = wqf;
            termweight *= (k3 + 1) * wqfD / (k3 + wqfD);
        }
        termweight *= (k1 + 1);
        double lenFactor;
        if (k2 == 0 && (b == 0 || k1 == 0)) {
            lenFactor = 0;
        } else {
            lenFactor = averageLength;
            if (lenFactor != 0) {
                lenFactor = 1 / lenFactor;
            }
        }
        return new Term(this, termweight, lenFactor);
    }

    /** A term's weight function. */
    public record Term(Bm25 p, double termweight, double lenFactor) {
        /** {@code get_sumpart(wdf, len)}. */
        public double sumpart(long wdf, long len) {
            double normlen = Math.max(len * lenFactor, p.minNormlen);
            double wdfD = wdf;
            double denom = p.k1 * (normlen * p.b + (1 - p.b)) + wdfD;
            return termweight * (wdfD / denom);
        }
    }
}
