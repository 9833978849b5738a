package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Tables: simple ones as GitHub pipe tables (cells on one line), tables with spans or nested tables as a list of
 * rows, layout tables (one column, big cells, headings or {@code pre} inside) as their cells' content; captions in
 * bold.
 */
final class TableRenderer {

    /**
     * A table with a cell of this many blocks or characters or more is a layout table (or too big for a line per
     * row): its cells are rendered as content.
     */
    private static final int LAYOUT_CELL_BLOCKS = 3;

    private static final int LAYOUT_CELL_CHARS = 600;

    private final PageScope page;
    private final Renderer blocks;
    private final InlineRenderer inline;
    private final MarkdownWriter out;

    TableRenderer(PageScope page, Renderer blocks, InlineRenderer inline, MarkdownWriter out) {
        this.page = page;
        this.blocks = blocks;
        this.inline = inline;
        this.out = out;
    }

    void table(Element table) {
        List<Element> rows = new ArrayList<>();
        List<Element> captions = new ArrayList<>(1);
        // what jsoup left inside the table's structure but outside any cell (at its depth limit, for one)
        List<Node> stray = new ArrayList<>();
        for (int i = 0, size = table.childNodeSize(); i < size; i++) {
            Node n = table.childNode(i);
            if (!(n instanceof Element c)) {
                keepStray(n, stray);
                continue;
            }
            switch (c.normalName()) {
                case "caption" -> captions.add(c);
                case "tr" -> rows.add(c);
                case "thead", "tbody", "tfoot" -> {
                    for (int k = 0, rs = c.childNodeSize(); k < rs; k++) {
                        Node r = c.childNode(k);
                        if (r instanceof Element re && re.normalName().equals("tr")) {
                            rows.add(re);
                        } else {
                            keepStray(r, stray);
                        }
                    }
                }
                case "colgroup", "col" -> {
                }
                default -> keepStray(c, stray);
            }
        }
        rows.removeIf(page::skipped);
        List<List<Element>> cells = new ArrayList<>(rows.size());
        int width = 0;
        boolean spans = false;
        boolean bigCells = false;
        for (Element r : rows) {
            List<Element> rc = new ArrayList<>();
            for (int k = 0, size = r.childNodeSize(); k < size; k++) {
                Node n = r.childNode(k);
                String tag = n.normalName();
                if (n instanceof Element c && (tag.equals("td") || tag.equals("th"))) {
                    if (page.skipped(c)) {
                        continue;
                    }
                    rc.add(c);
                    spans |= Renderer.parseInt(c.attr("colspan"), 1) > 1 || Renderer.parseInt(c.attr("rowspan"), 1) > 1;
                    bigCells = bigCells || blockChildCount(c) >= LAYOUT_CELL_BLOCKS
                            || textLength(c, LAYOUT_CELL_CHARS) >= LAYOUT_CELL_CHARS;
                } else {
                    keepStray(n, stray);
                }
            }
            cells.add(rc);
            width = Math.max(width, rc.size());
        }
        for (Element caption : captions) {
            if (!page.skipped(caption)) {
                blocks.boldParagraph(caption);
            }
        }
        if (width == 1 || bigCells || (page.contents(table) & (PageScope.HAS_HEADING | PageScope.HAS_PRE)) != 0) {
            // a layout table: its cells are containers
            for (List<Element> rc : cells) {
                for (Element c : rc) {
                    blocks.blockChildren(c);
                }
            }
        } else if (width > 0 && (spans || (page.contents(table) & PageScope.HAS_TABLE) != 0)) {
            rowList(cells);
        } else if (width > 0) {
            pipeTable(rows, cells, width);
        }
        blocks.blockNodes(stray);
    }

    private void keepStray(Node n, List<Node> stray) {
        if (n instanceof TextNode t ? !t.isBlank() : n instanceof Element e && !page.skipped(e)) {
            stray.add(n);
        }
    }

    private int blockChildCount(Element cell) {
        int n = 0;
        for (int i = 0, size = cell.childNodeSize(); i < size; i++) {
            if (cell.childNode(i) instanceof Element e && !page.skipped(e) && page.isBlockish(e)) {
                n++;
            }
        }
        return n;
    }

    /** The length of an element's text, counted up to {@code limit}. */
    private int textLength(Element e, int limit) {
        int n = 0;
        for (int i = 0, size = e.childNodeSize(); i < size && n < limit; i++) {
            Node c = e.childNode(i);
            if (c instanceof TextNode t) {
                n += t.getWholeText().length();
            } else if (c instanceof Element el && !page.skipped(el)) {
                n += textLength(el, limit - n);
            }
        }
        return n;
    }

    private void pipeTable(List<Element> rows, List<List<Element>> cells, int width) {
        Element first = rows.get(0);
        boolean header = first.parent() != null && first.parent().normalName().equals("thead");
        if (!header) {
            header = true;
            for (Element c : cells.get(0)) {
                header &= c.normalName().equals("th");
            }
            header &= !cells.get(0).isEmpty();
        }
        out.separate(2);
        StringBuilder line = new StringBuilder();
        List<String> head = new ArrayList<>();
        if (header) {
            for (Element c : cells.get(0)) {
                head.add(cell(c, false));
            }
        }
        out.line(row(line, head, width));
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < width; i++) {
            line.append(" --- |");
        }
        out.line(line.toString());
        for (int r = header ? 1 : 0; r < cells.size(); r++) {
            List<String> texts = new ArrayList<>();
            for (Element c : cells.get(r)) {
                texts.add(cell(c, c.normalName().equals("th")));
            }
            out.line(row(line, texts, width));
        }
    }

    private static String row(StringBuilder line, List<String> texts, int width) {
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < width; i++) {
            String t = i < texts.size() ? texts.get(i) : "";
            line.append(' ').append(t).append(t.isEmpty() ? "|" : " |");
        }
        return line.toString();
    }

    private void rowList(List<List<Element>> cells) {
        out.separate(2);
        for (List<Element> rc : cells) {
            List<String> texts = new ArrayList<>();
            List<Boolean> th = new ArrayList<>();
            for (Element c : rc) {
                boolean isTh = c.normalName().equals("th");
                String t = cell(c, isTh);
                if (!t.isEmpty()) {
                    texts.add(t);
                    th.add(isTh);
                }
            }
            if (texts.isEmpty()) {
                continue;
            }
            String text;
            if (texts.size() == 2 && th.get(0) && !th.get(1)) {
                text = texts.get(0) + ": " + texts.get(1);
            } else {
                text = String.join(" | ", texts);
            }
            out.separate(1);
            out.push("  ", "- ");
            out.paragraph(text);
            out.pop();
        }
    }

    /** A cell on one line, pipes escaped; header cells of body rows in bold. */
    private String cell(Element c, boolean bold) {
        return inline.oneLine(c, bold).replace("|", "\\|");
    }
}
