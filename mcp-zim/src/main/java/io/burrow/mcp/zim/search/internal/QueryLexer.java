package io.burrow.mcp.zim.search.internal;

import static io.burrow.mcp.zim.search.internal.QueryParser.FLAG_BOOLEAN;
import static io.burrow.mcp.zim.search.internal.QueryParser.FLAG_CJK_NGRAM;
import static io.burrow.mcp.zim.search.internal.QueryParser.FLAG_LOVEHATE;
import static io.burrow.mcp.zim.search.internal.QueryParser.FLAG_PARTIAL;
import static io.burrow.mcp.zim.search.internal.QueryParser.FLAG_PHRASE;

import io.burrow.mcp.zim.search.internal.QueryParser.Stem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The lexer of Xapian 1.4's query parser ({@code queryparser/queryparser.lemony}), character by character: word
 * characters and their Unicode classes, acronyms ({@code U.S.A.}), infix apostrophes and {@code &}, {@code C++} and
 * {@code C#} checked against the database, phrase generators ({@code .-/:\@}), term groups, boolean operators,
 * love/hate, brackets and quotes, the partial last term, CJK runs. {@link QueryParser} parses its tokens.
 */
final class QueryLexer {

    private final UnaryOperator<String> stemmer; // null: none
    private final Stem stemStrategy;
    private final Predicate<String> termExists;

    QueryLexer(UnaryOperator<String> stemmer, Stem stemStrategy, Predicate<String> termExists) {
        this.stemmer = stemmer;
        this.stemStrategy = stemStrategy;
        this.termExists = termExists;
    }

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
}
