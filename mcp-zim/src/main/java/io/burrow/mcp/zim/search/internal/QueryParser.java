package io.burrow.mcp.zim.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Xapian 1.4's query parser ({@code queryparser/queryparser.lemony}) for the configurations libzim uses: no
 * field prefixes, no value ranges, default operator AND, flags {@link #FLAG_BOOLEAN}, {@link #FLAG_PHRASE},
 * {@link #FLAG_LOVEHATE}, {@link #FLAG_PARTIAL}, {@link #FLAG_CJK_NGRAM}. The lexer follows Xapian's rules
 * character by character; the grammar is a recursive-descent equivalent of the LALR grammar, including the
 * retry without flags after a generic parse error and the hard errors of boolean operators without operands.
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
    private final Predicate<String> termExists;
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
        this.termExists = termExists;
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

    // ------------------------------------------------------------------ lexer

    enum T { TERM, GROUP_TERM, PHR_TERM, PARTIAL_TERM, CJKTERM, QUOTE, LOVE, HATE, HATE_AFTER_AND, BRA, KET,
        AND, OR, NOT, XOR, NEAR, ADJ, EMPTY_GROUP_OK }

    /** A lexer token; {@code term} is set for the term kinds, {@code width} for NEAR/ADJ. */
    record Tok(T type, TermObj term, int width) {
    }

    /** A query term as the lexer produced it (lower-cased name, stemming decision, position). */
    final class TermObj {
        final String name;
        Stem stem;
        final int pos;

        TermObj(String name, Stem stem, int pos) {
            this.name = name;
            this.stem = stem;
            this.pos = pos;
        }

        String makeTerm() {
            StringBuilder t = new StringBuilder();
            if (stem != Stem.NONE && stem != Stem.ALL) {
                t.append('Z');
            }
            t.append(stem != Stem.NONE ? stemmer.apply(name) : name);
            return t.toString();
        }

        void needPositions() {
            if (stem == Stem.SOME) {
                stem = Stem.NONE;
            }
        }

        XQuery query() {
            return new XQuery.Term(makeTerm(), pos, 1);
        }
    }

    private static final int IGNORE = -2;

    private static boolean isPhraseGenerator(int ch) {
        return ch > 0 && ch < 128 && ".-/:\\@".indexOf(ch) >= 0;
    }

    private static boolean isStemPreventer(int ch) {
        return ch > 0 && ch < 128 && "(/\\@<>=*[{\"".indexOf(ch) >= 0;
    }

    private static boolean isSuffix(int ch) {
        return ch == '+' || ch == '#';
    }

    private static boolean isDoubleQuote(int ch) {
        return ch == '"' || ch == 0x201c || ch == 0x201d;
    }

    private static boolean asciiUpper(int ch) {
        return ch >= 'A' && ch <= 'Z';
    }

    private static int checkInfix(int ch) {
        if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) {
            return ch;
        }
        if (ch >= 0x200b) {
            if (ch == 0x2019 || ch == 0x201b) {
                return '\'';
            }
            if (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff) {
                return IGNORE;
            }
        }
        return 0;
    }

    private static int checkInfixDigit(int ch) {
        switch (ch) {
            case ',', '.', ';', 0x037e, 0x0589, 0x060D, 0x07F8, 0x2044, 0xFE10, 0xFE13, 0xFE14:
                return ch;
            default:
                break;
        }
        if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) {
            return IGNORE;
        }
        return 0;
    }

    private enum Mode { DEFAULT, IN_QUOTES, IN_PHRASED_TERM, IN_GROUP, IN_GROUP2 }

    private static int byteLen(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static final Set<String> OPERATORS = Set.of("AND", "NOT", "XOR", "ADJ", "OR", "NEAR");

    /** Tokenises {@code qs} exactly as Xapian's lexer does. */
    List<Tok> lex(String qs, int flags) {
        final boolean cjk = (flags & FLAG_CJK_NGRAM) != 0;
        int[] cp = qs.codePoints().toArray();
        int n = cp.length;
        List<Tok> out = new ArrayList<>();
        int it = 0;
        int termPos = 1;
        int depth = 0;
        Mode mode = Mode.DEFAULT;
        int newprev = ' ';
        int jump = 0; // 1: just had operator, 2: just had operator needing term
        boolean lastWasOperator = false;
        boolean lastWasOperatorNeedingTerm = false;
        boolean done = false;
        main:
        while (!done) {
            if (jump == 0) {
                if (it >= n) {
                    break;
                }
                lastWasOperator = false;
                lastWasOperatorNeedingTerm = false;
            } else if (jump == 1) {
                jump = 0;
                if (it >= n) {
                    break;
                }
                mode = Mode.DEFAULT;
                lastWasOperatorNeedingTerm = false;
                lastWasOperator = true;
            } else {
                jump = 0;
                lastWasOperatorNeedingTerm = true;
                lastWasOperator = true;
            }
            if (mode == Mode.IN_PHRASED_TERM) {
                mode = Mode.DEFAULT;
            }
            if (it < n && XapianUnicode.isWhitespace(cp[it])) {
                newprev = ' ';
                it++;
                while (it < n && XapianUnicode.isWhitespace(cp[it])) {
                    it++;
                }
                if (it >= n) {
                    break;
                }
            }
            if (it >= n) {
                break;
            }
            if (!XapianUnicode.isWordChar(cp[it])) {
                int prev = newprev;
                int ch = cp[it++];
                newprev = ch;
                if (mode == Mode.IN_GROUP || mode == Mode.IN_GROUP2) {
                    mode = Mode.DEFAULT;
                }
                switch (ch) {
                    case '"', 0x201c, 0x201d -> {
                        if (mode == Mode.DEFAULT) {
                            while (it < n && XapianUnicode.isWhitespace(cp[it])) {
                                it++;
                            }
                            if (it >= n) {
                                done = true;
                                continue main;
                            }
                            if (isDoubleQuote(cp[it])) {
                                newprev = cp[it++];
                                continue main;
                            }
                        }
                        if ((flags & FLAG_PHRASE) != 0) {
                            if (ch == '"' && it < n && cp[it] == '"') {
                                it++;
                                continue main;
                            }
                            out.add(new Tok(T.QUOTE, null, 0));
                            mode = mode == Mode.DEFAULT ? Mode.IN_QUOTES : Mode.DEFAULT;
                        }
                    }
                    case '+', '-' -> {
                        if (it >= n) {
                            done = true;
                            continue main;
                        }
                        if (prev > ' ' && prev != '(') {
                            continue main;
                        }
                        if (XapianUnicode.isWhitespace(cp[it]) || cp[it] == '+' || cp[it] == '-') {
                            newprev = cp[it++];
                            continue main;
                        }
                        if (mode == Mode.DEFAULT && (flags & FLAG_LOVEHATE) != 0) {
                            T tok = ch == '+' ? T.LOVE : (lastWasOperator ? T.HATE_AFTER_AND : T.HATE);
                            out.add(new Tok(tok, null, 0));
                            jump = 2;
                            continue main;
                        }
                    }
                    case '(' -> {
                        while (it < n && XapianUnicode.isWhitespace(cp[it])) {
                            it++;
                        }
                        if (it >= n) {
                            done = true;
                            continue main;
                        }
                        if (prev > ' ' && "()+-".indexOf((char) (prev & 0xFF)) < 0) {
                            continue main;
                        }
                        if (cp[it] == ')') {
                            newprev = cp[it++];
                            continue main;
                        }
                        if (mode == Mode.DEFAULT && (flags & FLAG_BOOLEAN) != 0) {
                            depth++;
                            out.add(new Tok(T.BRA, null, 0));
                        }
                    }
                    case ')' -> {
                        if (mode == Mode.DEFAULT && (flags & FLAG_BOOLEAN) != 0) {
                            if (depth > 0) {
                                depth--;
                            }
                            out.add(new Tok(T.KET, null, 0));
                        }
                    }
                    case '~' -> {
                        if (it >= n) {
                            done = true;
                            continue main;
                        }
                    }
                    default -> {
                    }
                }
                continue;
            }

            newprev = 'A';
            boolean phrased = true;
            while (phrased) {
                phrased = false;
                // ---- parse_term
                boolean wasAcronym;
                boolean isCjkTerm = false;
                StringBuilder term = new StringBuilder();
                if (asciiUpper(cp[it])) {
                    StringBuilder t = new StringBuilder();
                    int p = it;
                    while (true) {
                        t.appendCodePoint(cp[p++]);
                        if (!(p < n && cp[p] == '.')) {
                            break;
                        }
                        p++;
                        if (!(p < n && asciiUpper(cp[p]))) {
                            break;
                        }
                    }
                    if (t.length() > 1 && (p >= n || !XapianUnicode.isWordChar(cp[p]))) {
                        it = p;
                        term = t;
                    }
                }
                wasAcronym = term.length() > 0;
                if (cjk && term.length() == 0 && XapianUnicode.isCjk(cp[it])) {
                    while (it < n && XapianUnicode.isCjk(cp[it])) {
                        term.appendCodePoint(cp[it++]);
                    }
                    isCjkTerm = true;
                }
                if (term.length() == 0) {
                    int prevch = cp[it];
                    term.appendCodePoint(prevch);
                    while (++it < n) {
                        if (cjk && XapianUnicode.isCjk(cp[it])) {
                            break;
                        }
                        int ch = cp[it];
                        if (!XapianUnicode.isWordChar(ch)) {
                            int p = it + 1;
                            if (p >= n || !XapianUnicode.isWordChar(cp[p])) {
                                break;
                            }
                            int nextch = cp[p];
                            if (XapianUnicode.isDigit(prevch) && XapianUnicode.isDigit(nextch)) {
                                ch = checkInfixDigit(ch);
                            } else {
                                ch = checkInfix(ch);
                            }
                            if (ch == 0) {
                                break;
                            }
                            if (ch == IGNORE) {
                                continue;
                            }
                        }
                        term.appendCodePoint(ch);
                        prevch = ch;
                    }
                    if (it < n && isSuffix(cp[it])) {
                        String base = term.toString();
                        StringBuilder suff = new StringBuilder(base);
                        int p = it;
                        boolean ok = true;
                        do {
                            if (suff.length() - base.length() == 3) {
                                ok = false;
                                break;
                            }
                            suff.appendCodePoint(cp[p]);
                            p++;
                        } while (p < n && isSuffix(cp[p]));
                        if (ok && (p >= n || !XapianUnicode.isWordChar(cp[p]))) {
                            boolean useSuff;
                            String lc = XapianUnicode.toLower(suff.toString());
                            if (termExists.test(lc)) {
                                useSuff = true;
                            } else {
                                useSuff = !termExists.test(XapianUnicode.toLower(base));
                            }
                            if (useSuff) {
                                term = suff;
                                it = p;
                            }
                        }
                    }
                }
                String termStr = term.toString();
                // ---- boolean operators
                if ((mode == Mode.DEFAULT || mode == Mode.IN_GROUP || mode == Mode.IN_GROUP2)
                        && (flags & FLAG_BOOLEAN) != 0 && !wasAcronym && byteLen(termStr) >= 2
                        && byteLen(termStr) <= 4 && Character.isLetter(termStr.charAt(0))
                        && termStr.charAt(0) < 128 && OPERATORS.contains(termStr)) {
                    switch (termStr) {
                        case "AND" -> out.add(new Tok(T.AND, null, 0));
                        case "NOT" -> out.add(new Tok(T.NOT, null, 0));
                        case "XOR" -> out.add(new Tok(T.XOR, null, 0));
                        case "OR" -> out.add(new Tok(T.OR, null, 0));
                        default -> {
                            T type = termStr.equals("ADJ") ? T.ADJ : T.NEAR;
                            int width = 0;
                            if (it < n && cp[it] == '/') {
                                int p = it;
                                while (++p < n && cp[p] >= '0' && cp[p] <= '9') {
                                    width = width * 10 + (cp[p] - '0');
                                }
                                if (width != 0 && (p >= n || XapianUnicode.isWhitespace(cp[p]))) {
                                    it = p;
                                    out.add(new Tok(type, null, width));
                                    jump = 1;
                                    continue main;
                                }
                                // not an operator after all: fall through to a normal term
                                width = -1;
                            }
                            if (width == 0) {
                                out.add(new Tok(type, null, 0));
                                jump = 1;
                                continue main;
                            }
                        }
                    }
                    if (!(termStr.equals("ADJ") || termStr.equals("NEAR"))) {
                        jump = 1;
                        continue main;
                    }
                }
                // ---- a term
                String lower = XapianUnicode.toLower(termStr);
                Stem st = stemStrategy;
                if (st != Stem.NONE) {
                    if (stemmer == null) {
                        st = Stem.NONE;
                    } else if (st == Stem.SOME) {
                        if (!XapianUnicode.shouldStem(termStr) || (it < n && isStemPreventer(cp[it]))) {
                            st = Stem.NONE;
                        }
                    }
                }
                TermObj obj = new TermObj(lower, st, termPos++);
                if (isCjkTerm) {
                    out.add(new Tok(T.CJKTERM, obj, 0));
                    if (it >= n) {
                        break main;
                    }
                    continue main;
                }
                if (mode == Mode.DEFAULT || mode == Mode.IN_GROUP || mode == Mode.IN_GROUP2) {
                    if (it >= n && (flags & FLAG_PARTIAL) != 0) {
                        if (mode == Mode.IN_GROUP || mode == Mode.IN_GROUP2) {
                            if (mode == Mode.IN_GROUP2) {
                                out.add(new Tok(T.EMPTY_GROUP_OK, null, 0));
                            }
                            mode = Mode.DEFAULT;
                        }
                        out.add(new Tok(T.PARTIAL_TERM, obj, 0));
                        continue main;
                    }
                }
                if (mode == Mode.IN_PHRASED_TERM) {
                    out.add(new Tok(T.PHR_TERM, obj, 0));
                } else {
                    if ((mode == Mode.IN_GROUP || mode == Mode.IN_GROUP2) && it < n && isPhraseGenerator(cp[it])) {
                        int p = it;
                        do {
                            p++;
                        } while (p < n && isPhraseGenerator(cp[p]));
                        if (p < n && XapianUnicode.isWordChar(cp[p])) {
                            mode = Mode.DEFAULT;
                        }
                    }
                    T tok = T.TERM;
                    if (mode == Mode.IN_GROUP || mode == Mode.IN_GROUP2) {
                        mode = Mode.IN_GROUP2;
                        tok = T.GROUP_TERM;
                    }
                    out.add(new Tok(tok, obj, 0));
                    if (tok == T.TERM && mode != Mode.DEFAULT) {
                        continue main;
                    }
                }
                if (it >= n) {
                    break main;
                }
                if (isPhraseGenerator(cp[it])) {
                    do {
                        it++;
                    } while (it < n && isPhraseGenerator(cp[it]));
                    if (it < n && XapianUnicode.isWordChar(cp[it])) {
                        mode = Mode.IN_PHRASED_TERM;
                        phrased = true;
                    }
                } else if (mode == Mode.DEFAULT || mode == Mode.IN_GROUP || mode == Mode.IN_GROUP2) {
                    Mode oldMode = mode;
                    mode = Mode.DEFAULT;
                    if (!lastWasOperatorNeedingTerm && XapianUnicode.isWhitespace(cp[it])) {
                        newprev = ' ';
                        do {
                            it++;
                        } while (it < n && XapianUnicode.isWhitespace(cp[it]));
                        if (it < n && XapianUnicode.isWordChar(cp[it])) {
                            mode = (oldMode == Mode.IN_GROUP || oldMode == Mode.IN_GROUP2) ? Mode.IN_GROUP2
                                    : Mode.IN_GROUP;
                        }
                    }
                }
            }
        }
        if (mode == Mode.IN_QUOTES) {
            out.add(new Tok(T.QUOTE, null, 0));
        }
        while (depth-- > 0) {
            out.add(new Tok(T.KET, null, 0));
        }
        return out;
    }

    // ------------------------------------------------------------------ grammar

    private static final class ParseFail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseFail(String msg) {
            super(msg, null, false, false);
        }
    }

    private Result parseOnce(String qs, int flags) {
        List<Tok> toks = lex(qs, flags);
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
        t.name.codePoints().forEach(c -> terms.add(new TermObj(new String(Character.toChars(c)), t.stem, t.pos)));
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
