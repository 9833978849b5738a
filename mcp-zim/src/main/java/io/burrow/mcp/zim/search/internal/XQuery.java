package io.burrow.mcp.zim.search.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A Xapian-style query tree with the same simplifications {@code Xapian::Query} applies when it is built
 * (a branch with one subquery is that subquery; MatchNothing is absorbed by AND and dropped by OR).
 * {@code null} stands for MatchNothing (an empty query).
 */
public sealed interface XQuery {

    /** Operators of branch queries. */
    enum Op { AND, OR, AND_NOT, AND_MAYBE, XOR, PHRASE, NEAR, SYNONYM }

    /** A term at a query position. */
    record Term(String term, int pos, int wqf) implements XQuery {
    }

    /** A branch; {@code window} is used by PHRASE and NEAR. */
    record Branch(Op op, List<XQuery> subs, int window) implements XQuery {
    }

    /** Terms starting with {@code prefix}, at most {@code max} (most frequent), combined with {@code combiner}. */
    record Wildcard(String prefix, int max, Op combiner) implements XQuery {
    }

    /** Xapian's {@code Query::get_description()} of a query (null: {@code Query()}). */
    static String describe(XQuery q) {
        return q == null ? "Query()" : "Query(" + inner(q) + ")";
    }

    private static String inner(XQuery q) {
        if (q instanceof Term t) {
            return t.term() + (t.wqf() != 1 ? "#" + t.wqf() : "") + (t.pos() != 0 ? "@" + t.pos() : "");
        }
        if (q instanceof Wildcard w) {
            return "WILDCARD " + w.combiner() + " " + w.prefix();
        }
        Branch b = (Branch) q;
        String op = switch (b.op()) {
            case PHRASE, NEAR -> b.op() + " " + b.window();
            default -> b.op().toString();
        };
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < b.subs().size(); i++) {
            if (i > 0) {
                sb.append(' ').append(op).append(' ');
            }
            sb.append(inner(b.subs().get(i)));
        }
        return sb.append(')').toString();
    }

    /**
     * {@code a &= b}, {@code a |= b}, {@code a ^= b}: appends {@code b} to {@code a} when {@code a} already is a
     * branch of that operator (as Xapian does for an unshared query), else builds {@code op(a, b)}.
     */
    static XQuery append(Op op, XQuery a, XQuery b) {
        if (a instanceof Branch br && br.op() == op && b != null && (op == Op.AND || op == Op.OR || op == Op.XOR)) {
            List<XQuery> l = new ArrayList<>(br.subs());
            l.add(b);
            return of(op, l, br.window());
        }
        return of(op, a, b);
    }

    /** Builds {@code op(a, b)} with Xapian's simplifications. */
    static XQuery of(Op op, XQuery a, XQuery b) {
        List<XQuery> l = new ArrayList<>(2);
        l.add(a);
        l.add(b);
        return of(op, l, 0);
    }

    /** Builds an n-ary query with Xapian's simplifications ({@code QueryBranch::done}). */
    static XQuery of(Op op, List<XQuery> subsIn, int window) {
        List<XQuery> subs = new ArrayList<>();
        switch (op) {
            case AND, PHRASE, NEAR -> {
                for (XQuery q : subsIn) {
                    if (q == null) {
                        return null;
                    }
                    subs.add(q);
                }
            }
            case AND_NOT, AND_MAYBE -> {
                if (subsIn.isEmpty() || subsIn.get(0) == null) {
                    return null;
                }
                for (XQuery q : subsIn) {
                    if (q != null) {
                        subs.add(q);
                    }
                }
            }
            default -> {
                for (XQuery q : subsIn) {
                    if (q != null) {
                        subs.add(q);
                    }
                }
            }
        }
        if (subs.isEmpty()) {
            return null;
        }
        if (subs.size() == 1) {
            XQuery only = subs.get(0);
            if (op == Op.SYNONYM) {
                if (only instanceof Term || (only instanceof Branch b && b.op() == Op.SYNONYM)) {
                    return only;
                }
                if (only instanceof Wildcard w) {
                    return new Wildcard(w.prefix(), w.max(), Op.SYNONYM);
                }
                return new Branch(op, subs, window);
            }
            return only;
        }
        return new Branch(op, List.copyOf(subs), window);
    }

    /** The terms of a query in ascending position order, duplicates (same term, same position) removed. */
    static List<String> termsByPosition(XQuery q) {
        List<Term> all = new ArrayList<>();
        gather(q, all);
        all.sort((x, y) -> x.pos() != y.pos() ? Integer.compare(x.pos(), y.pos()) : x.term().compareTo(y.term()));
        List<String> out = new ArrayList<>();
        Term prev = null;
        for (Term t : all) {
            if (prev != null && prev.pos() == t.pos() && prev.term().equals(t.term())) {
                continue;
            }
            out.add(t.term());
            prev = t;
        }
        return out;
    }

    /** Sum of wqf over the terms ({@code Query::get_length}). */
    static int length(XQuery q) {
        List<Term> all = new ArrayList<>();
        gather(q, all);
        int n = 0;
        for (Term t : all) {
            n += t.wqf();
        }
        return n;
    }

    private static void gather(XQuery q, List<Term> out) {
        if (q instanceof Term t) {
            out.add(t);
        } else if (q instanceof Branch b) {
            for (XQuery s : b.subs()) {
                gather(s, out);
            }
        }
    }
}
