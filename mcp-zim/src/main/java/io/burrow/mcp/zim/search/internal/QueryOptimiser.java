package io.burrow.mcp.zim.search.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the posting-list tree of a query as Xapian's {@code QueryOptimiser} does: AND contexts sorted by estimated
 * frequency (with their NOT, positional filters and MAYBE parts), OR trees paired like a Huffman code, synonyms and
 * wildcards weighted as one term; and counts the weighted subqueries (for percentages).
 */
final class QueryOptimiser {

    private final MatchContext match;
    private int totalSubqs;

    QueryOptimiser(MatchContext match) {
        this.match = match;
    }

    /** The number of weighted subqueries of the trees built so far. */
    int totalSubqs() {
        return totalSubqs;
    }

    private LeafPostList leaf(String term, double factor) {
        LeafPostList l = new LeafPostList(match, term, factor);
        if (factor != 0) {
            totalSubqs++;
        }
        return l;
    }

    private final class AndContext {
        final List<PostList> pls = new ArrayList<>();
        final List<Object[]> posFilters = new ArrayList<>(); // {op, begin, end, window}
        List<PostList> not;
        List<PostList> maybe;

        PostList postlist() {
            if (pls.isEmpty()) {
                return new EmptyPostList();
            }
            PostList[] sorted = pls.toArray(new PostList[0]);
            StdHeap.sortAscendingByEst(sorted, p -> p.est());
            PostList pl = new MultiAndPostList(match, sorted);
            if (not != null) {
                pl = new AndNotPostList(match, pl, orPostlist(not));
            }
            for (Object[] f : posFilters) {
                List<PostList> terms = pls.subList((Integer) f[1], (Integer) f[2]);
                pl = new PositionFilterPostList(match, pl, new ArrayList<>(terms), (XQuery.Op) f[0], (Integer) f[3]);
            }
            if (maybe != null) {
                pl = new AndMaybePostList(pl, orPostlist(maybe));
            }
            return pl;
        }
    }

    private PostList orPostlist(List<PostList> plsIn) {
        if (plsIn.isEmpty()) {
            return new EmptyPostList();
        }
        if (plsIn.size() == 1) {
            return plsIn.get(0);
        }
        List<PostList> pls = new ArrayList<>(plsIn);
        // comparator "a > b" on estimates: the heap's front has the smallest estimate
        StdHeap.Less<PostList> less = (a, b) -> a.est() > b.est();
        StdHeap.makeHeap(pls, less);
        while (true) {
            PostList r = pls.get(0);
            StdHeap.popHeap(pls, less);
            pls.remove(pls.size() - 1);
            PostList pl = new OrPostList(match, pls.get(0), r);
            if (pls.size() == 1) {
                return pl;
            }
            StdHeap.popHeap(pls, less);
            pls.set(pls.size() - 1, pl);
            StdHeap.pushHeap(pls, less);
        }
    }

    PostList build(XQuery q, double factor) {
        if (q instanceof XQuery.Term t) {
            LeafPostList l = leaf(t.term(), factor);
            return l.pl == null ? emptyLeaf(l) : l;
        }
        if (q instanceof XQuery.Wildcard w) {
            return wildcard(w, factor);
        }
        XQuery.Branch b = (XQuery.Branch) q;
        switch (b.op()) {
            case AND, PHRASE, NEAR, AND_NOT -> {
                AndContext ctx = new AndContext();
                subAndLike(q, ctx, factor);
                return ctx.postlist();
            }
            case OR -> {
                List<PostList> ctx = new ArrayList<>();
                subOrLike(q, ctx, factor);
                return orPostlist(ctx);
            }
            case AND_MAYBE -> {
                AndContext ctx = new AndContext();
                subAndLike(b.subs().get(0), ctx, factor);
                ctx.maybe = new ArrayList<>();
                for (int i = 1; i < b.subs().size(); i++) {
                    subOrLike(b.subs().get(i), ctx.maybe, factor);
                }
                return ctx.postlist();
            }
            case XOR -> {
                PostList[] kids = new PostList[b.subs().size()];
                for (int i = 0; i < kids.length; i++) {
                    kids[i] = build(b.subs().get(i), factor);
                }
                return new MultiXorPostList(match, kids);
            }
            case SYNONYM -> {
                if (factor == 0) {
                    List<PostList> ctx = new ArrayList<>();
                    subOrLike(q, ctx, 0);
                    return orPostlist(ctx);
                }
                int save = totalSubqs + 1;
                List<PostList> ctx = new ArrayList<>();
                for (XQuery s : b.subs()) {
                    subOrLike(s, ctx, 0);
                }
                PostList or = orPostlist(ctx);
                totalSubqs = save;
                return or.tfMax() == 0 ? or : new SynonymPostList(match, or, factor);
            }
            default -> throw new IllegalStateException("unexpected operator " + b.op());
        }
    }

    private PostList emptyLeaf(LeafPostList l) {
        return new EmptyPostList();
    }

    private PostList wildcard(XQuery.Wildcard w, double factor) {
        boolean synonym = w.combiner() == XQuery.Op.SYNONYM && factor != 0;
        double orFactor = synonym ? 0 : factor;
        List<GlassDatabase.TermFreq> terms = match.db.termsWithPrefix(w.prefix(), Integer.MAX_VALUE - 1);
        if (terms.size() > w.max() && w.max() > 0) {
            // WILDCARD_LIMIT_MOST_FREQUENT: Xapian keeps the first max() after nth_element by descending frequency,
            // in the order it leaves them (which of the terms sharing the cut-off frequency stay is libstdc++'s)
            StdHeap.nthElement(terms, w.max() - 1, (a, b2) -> a.termFreq() > b2.termFreq());
            terms = terms.subList(0, w.max());
        }
        int save = totalSubqs;
        List<PostList> ctx = new ArrayList<>();
        for (GlassDatabase.TermFreq t : terms) {
            ctx.add(leaf(t.term(), orFactor));
        }
        if (factor != 0) {
            totalSubqs = synonym ? save + 1 : save + ctx.size();
        }
        if (ctx.isEmpty()) {
            return new EmptyPostList();
        }
        PostList or = orPostlist(ctx);
        return synonym ? new SynonymPostList(match, or, factor) : or;
    }

    private void subAndLike(XQuery q, AndContext ctx, double factor) {
        if (q instanceof XQuery.Branch b) {
            switch (b.op()) {
                case AND -> {
                    for (XQuery s : b.subs()) {
                        subAndLike(s, ctx, factor);
                    }
                    return;
                }
                case PHRASE, NEAR -> {
                    if (!match.db.hasPositions()) {
                        for (XQuery s : b.subs()) {
                            subAndLike(s, ctx, factor);
                        }
                        return;
                    }
                    int begin = ctx.pls.size();
                    for (XQuery s : b.subs()) {
                        ctx.pls.add(build(s, factor));
                    }
                    ctx.posFilters.add(new Object[] {b.op(), begin, ctx.pls.size(), b.window()});
                    return;
                }
                case AND_NOT -> {
                    subAndLike(b.subs().get(0), ctx, factor);
                    if (ctx.not == null) {
                        ctx.not = new ArrayList<>();
                    }
                    for (int i = 1; i < b.subs().size(); i++) {
                        subOrLike(b.subs().get(i), ctx.not, 0);
                    }
                    return;
                }
                default -> {
                }
            }
        }
        ctx.pls.add(build(q, factor));
    }

    private void subOrLike(XQuery q, List<PostList> ctx, double factor) {
        if (q instanceof XQuery.Branch b && b.op() == XQuery.Op.OR) {
            for (XQuery s : b.subs()) {
                subOrLike(s, ctx, factor);
            }
            return;
        }
        ctx.add(build(q, factor));
    }
}
