package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.internal.QueryLexer.T;
import io.burrow.mcp.zim.search.internal.QueryLexer.TermObj;
import io.burrow.mcp.zim.search.internal.QueryLexer.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Xapian 1.4's query parser ({@code queryparser/queryparser.lemony}) for the configurations libzim uses: no
 * field prefixes, no value ranges, default operator AND, flags {@link #FLAG_BOOLEAN}, {@link #FLAG_PHRASE},
 * {@link #FLAG_LOVEHATE}, {@link #FLAG_PARTIAL}, {@link #FLAG_CJK_NGRAM}. The lexer follows Xapian's rules
 * character by character; the grammar is a recursive-descent equivalent of the LALR grammar, including the
 * retry without flags after a generic parse error and the hard errors of boolean operators without operands. The
 * tokens come from {@link QueryLexer}.
 */
public final class QueryParser {

    public static final int FLAG_BOOLEAN = 1;
    public static final int FLAG_PHRASE = 2;
    public static final int FLAG_LOVEHATE = 4;
    public static final int FLAG_PARTIAL = 64;
    public static final int FLAG_CJK_NGRAM = 2048;
    public static final int FLAG_DEFAULT = FLAG_PHRASE | FLAG_BOOLEAN | FLAG_LOVEHATE;

    /** Stemming strategies ({@code Xapian::QueryParser::stem_strategy}). */
    public enum Stem { NONE, SOME, ALL }

    /** A query the parser rejects (libzim then reports no results). */
    public static final class QueryParserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueryParserError(String msg) {
            super(msg, null, false, false);
        }
    }

    private final UnaryOperator<String> stemmer; // null: none
    private final Stem stemStrategy;
    private final Predicate<String> stopper; // null: none
    private final QueryLexer lexer;
    private final int maxPartialExpansion;

    /**
     * @param stemmer stemmer or null
     * @param stemStrategy strategy
     * @param stopper stop-word test or null
     * @param termExists database lookup used for the {@code C++}/{@code C#} suffix rule
     */
    public QueryParser(UnaryOperator<String> stemmer, Stem stemStrategy, Predicate<String> stopper,
                       Predicate<String> termExists) {
        this.stemmer = stemmer;
        this.stemStrategy = stemStrategy;
        this.stopper = stopper;
        this.lexer = new QueryLexer(stemmer, stemStrategy, termExists);
        this.maxPartialExpansion = 100;
    }

    /** Parses {@code qs}; returns null (MatchNothing) for a query without terms. */
    public XQuery parse(String qs, int flags) {
        if (qs.isEmpty()) {
            return null;
        }
        Result r = parseOnce(qs, flags);
        if (r.error != null && r.error.equals("parse error")) {
            r = parseOnce(qs, flags & FLAG_CJK_NGRAM);
        }
        if (r.error != null) {
            throw new QueryParserError(r.error);
        }
        return r.query;
    }

    private record Result(XQuery query, String error) {
    }

    // ------------------------------------------------------------------ grammar

    private static final class ParseFail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseFail(String msg) {
            super(msg, null, false, false);
        }
    }

    private Result parseOnce(String qs, int flags) {
        List<Tok> toks = lexer.lex(qs, flags);
        Parser p = new Parser(toks);
        try {
            if (toks.isEmpty()) {
                return new Result(null, null);
            }
            Operand e = p.expr(0);
            if (p.i != toks.size()) {
                throw new ParseFail("parse error");
            }
            return new Result(e == null ? null : e.q, null);
        } catch (ParseFail f) {
            return new Result(null, f.getMessage());
        }
    }

    /** An operand of a boolean operator: present (possibly MatchNothing) or absent. */
    private record Operand(XQuery q) {
    }

    private final class Parser {
        final List<Tok> toks;
        int i;

        Parser(List<Tok> toks) {
            this.toks = toks;
        }

        T peek() {
            return i < toks.size() ? toks.get(i).type() : null;
        }

        T peek(int k) {
            return i + k < toks.size() ? toks.get(i + k).type() : null;
        }

        int prec(T t) {
            if (t == null) {
                return -1;
            }
            return switch (t) {
                case OR -> 1;
                case XOR -> 2;
                case AND, NOT -> 3;
                default -> -1;
            };
        }

        Operand expr(int minPrec) {
            Operand left = probExpr();
            while (true) {
                T t = peek();
                int p = prec(t);
                if (p < 0 || p < minPrec) {
                    return left;
                }
                i++;
                XQuery.Op op;
                String name;
                switch (t) {
                    case OR -> {
                        op = XQuery.Op.OR;
                        name = "OR";
                    }
                    case XOR -> {
                        op = XQuery.Op.XOR;
                        name = "XOR";
                    }
                    case NOT -> {
                        op = XQuery.Op.AND_NOT;
                        name = "NOT";
                    }
                    default -> {
                        if (peek() == T.NOT) {
                            i++;
                            op = XQuery.Op.AND_NOT;
                            name = "AND NOT";
                        } else if (peek() == T.HATE_AFTER_AND) {
                            i++;
                            op = XQuery.Op.AND_NOT;
                            name = "AND";
                        } else {
                            op = XQuery.Op.AND;
                            name = "AND";
                        }
                    }
                }
                Operand right = expr(p + 1);
                if (left == null || right == null) {
                    throw new ParseFail("Syntax: <expression> " + name + " <expression>");
                }
                left = new Operand(op == XQuery.Op.AND_NOT ? XQuery.of(op, left.q, right.q)
                        : XQuery.append(op, left.q, right.q));
            }
        }

        /** One item of a prob: a stop-checkable TERM, a compound term, or a loved/hated term. */
        private record Item(int kind, TermObj term, XQuery q) {
            static final int STOP_TERM = 0;
            static final int COMPOUND = 1;
            static final int LOVE = 2;
            static final int HATE = 3;
        }

        Operand probExpr() {
            List<Item> items = new ArrayList<>();
            while (true) {
                T t = peek();
                if (t == null) {
                    break;
                }
                if (t == T.LOVE || t == T.HATE) {
                    i++;
                    XQuery q = term();
                    items.add(new Item(t == T.LOVE ? Item.LOVE : Item.HATE, null, q));
                    continue;
                }
                if (t == T.TERM && !continuesCompound(peek(1))) {
                    items.add(new Item(Item.STOP_TERM, toks.get(i++).term(), null));
                    continue;
                }
                if (startsTerm(t)) {
                    items.add(new Item(Item.COMPOUND, null, compound()));
                    continue;
                }
                break;
            }
            if (items.isEmpty()) {
                return null;
            }
            if (items.size() == 1 && (items.get(0).kind == Item.STOP_TERM || items.get(0).kind == Item.COMPOUND)) {
                Item it = items.get(0);
                return new Operand(it.kind == Item.STOP_TERM ? it.term.query() : it.q);
            }
            XQuery query = null;
            boolean haveQuery = false;
            XQuery hate = null;
            boolean haveHate = false;
            for (Item it : items) {
                XQuery q;
                if (it.kind == Item.STOP_TERM) {
                    if (stopper != null && stopper.test(it.term.name)) {
                        continue;
                    }
                    q = it.term.query();
                } else if (it.kind == Item.HATE) {
                    hate = haveHate ? XQuery.append(XQuery.Op.OR, hate, it.q) : it.q;
                    haveHate = true;
                    continue;
                } else {
                    q = it.q;
                }
                query = haveQuery ? XQuery.append(XQuery.Op.AND, query, q) : q;
                haveQuery = true;
            }
            if (haveHate && hate != null) {
                if (!haveQuery) {
                    throw new ParseFail("parse error");
                }
                query = XQuery.of(XQuery.Op.AND_NOT, query, hate);
            }
            return new Operand(query);
        }

        boolean continuesCompound(T next) {
            return next == T.GROUP_TERM || next == T.PHR_TERM || next == T.NEAR || next == T.ADJ;
        }

        boolean startsTerm(T t) {
            return t == T.TERM || t == T.QUOTE || t == T.BRA || t == T.PARTIAL_TERM || t == T.CJKTERM;
        }

        /** {@code term ::= TERM | compound_term}. */
        XQuery term() {
            T t = peek();
            if (t == T.TERM && !continuesCompound(peek(1))) {
                return toks.get(i++).term().query();
            }
            if (t != null && startsTerm(t)) {
                return compound();
            }
            throw new ParseFail("parse error");
        }

        XQuery compound() {
            Tok tok = toks.get(i);
            switch (tok.type()) {
                case PARTIAL_TERM -> {
                    i++;
                    return partial(tok.term());
                }
                case CJKTERM -> {
                    i++;
                    return cjkQuery(tok.term());
                }
                case BRA -> {
                    i++;
                    Operand e = expr(0);
                    if (peek() != T.KET) {
                        throw new ParseFail("parse error");
                    }
                    i++;
                    if (e == null) {
                        throw new ParseFail("parse error");
                    }
                    return e.q;
                }
                case QUOTE -> {
                    i++;
                    List<TermObj> terms = new ArrayList<>();
                    while (peek() == T.TERM || peek() == T.CJKTERM) {
                        Tok x = toks.get(i++);
                        if (x.type() == T.CJKTERM) {
                            addCjkPositional(terms, x.term());
                        } else {
                            terms.add(x.term());
                        }
                    }
                    if (terms.isEmpty() || peek() != T.QUOTE) {
                        throw new ParseFail("parse error");
                    }
                    i++;
                    return phrase(terms, XQuery.Op.PHRASE, 0);
                }
                case TERM -> {
                    TermObj first = tok.term();
                    i++;
                    T next = peek();
                    if (next == T.GROUP_TERM) {
                        List<TermObj> group = new ArrayList<>();
                        group.add(first);
                        boolean emptyOk = false;
                        while (peek() == T.GROUP_TERM || peek() == T.EMPTY_GROUP_OK) {
                            Tok x = toks.get(i++);
                            if (x.type() == T.EMPTY_GROUP_OK) {
                                emptyOk = true;
                            } else {
                                group.add(x.term());
                            }
                        }
                        return group(group, emptyOk);
                    }
                    if (next == T.PHR_TERM) {
                        List<TermObj> terms = new ArrayList<>();
                        terms.add(first);
                        while (peek() == T.PHR_TERM) {
                            terms.add(toks.get(i++).term());
                        }
                        return phrase(terms, XQuery.Op.PHRASE, 0);
                    }
                    if (next == T.NEAR || next == T.ADJ) {
                        List<TermObj> terms = new ArrayList<>();
                        terms.add(first);
                        int window = 0;
                        while (peek() == next && peek(1) == T.TERM) {
                            int w = toks.get(i).width();
                            i++;
                            terms.add(toks.get(i++).term());
                            window = Math.max(window, w);
                        }
                        if (peek() == T.NEAR || peek() == T.ADJ) {
                            throw new ParseFail("parse error");
                        }
                        int w = window == 0 ? 10 : window;
                        return phrase(terms, next == T.NEAR ? XQuery.Op.NEAR : XQuery.Op.PHRASE, w - 1);
                    }
                    return first.query();
                }
                default -> throw new ParseFail("parse error");
            }
        }
    }

    private XQuery group(List<TermObj> terms, boolean emptyOk) {
        List<XQuery> subs = new ArrayList<>();
        boolean stopped = false;
        for (TermObj t : terms) {
            if (stopper != null && stopper.test(t.name)) {
                stopped = true;
            } else {
                subs.add(t.query());
            }
        }
        if (!emptyOk && stopper != null && subs.isEmpty() && stopped) {
            for (TermObj t : terms) {
                subs.add(t.query());
            }
        }
        if (subs.isEmpty()) {
            return null;
        }
        return XQuery.of(XQuery.Op.AND, subs, 0);
    }

    private XQuery phrase(List<TermObj> terms, XQuery.Op op, int wDelta) {
        List<XQuery> subs = new ArrayList<>();
        for (TermObj t : terms) {
            t.needPositions();
            subs.add(t.query());
        }
        int w = wDelta + terms.size();
        if (op == XQuery.Op.AND) {
            return XQuery.of(op, subs, 0);
        }
        return XQuery.of(op, subs, w);
    }

    private XQuery partial(TermObj t) {
        XQuery wild = new XQuery.Wildcard(t.name, maxPartialExpansion, XQuery.Op.SYNONYM);
        XQuery full = t.query();
        return XQuery.of(XQuery.Op.OR, wild, full);
    }

    private void addCjkPositional(List<TermObj> terms, TermObj t) {
        t.name.codePoints().forEach(c -> terms.add(lexer.new TermObj(new String(Character.toChars(c)), t.stem, t.pos)));
    }

    /** {@code as_cjk_query}: AND of the unigrams and bigrams of a CJK run. */
    private XQuery cjkQuery(TermObj t) {
        List<XQuery> subs = new ArrayList<>();
        for (String g : cjkNgrams(t.name)) {
            subs.add(new XQuery.Term(g, t.pos, 1));
        }
        return XQuery.of(XQuery.Op.AND, subs, 0);
    }

    /** Xapian's CJK tokens for a CJK run: each character, then each pair of adjacent characters. */
    static List<String> cjkNgrams(String run) {
        int[] cps = run.codePoints().toArray();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < cps.length; k++) {
            out.add(new String(cps, k, 1));
            if (k + 1 < cps.length) {
                out.add(new String(cps, k, 2));
            }
        }
        return out;
    }
}
