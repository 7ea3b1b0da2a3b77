package org.nnfs.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table built row by row; columns marked numeric are right-aligned. */
final class MarkdownTable {
    private final List<String> header = new ArrayList<>();
    private final List<Boolean> numeric = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a column. */
    MarkdownTable column(String name, boolean isNumeric) {
        header.add(name);
        numeric.add(isNumeric);
        return this;
    }

    /** Adds a row; it must have one cell per column. */
    void row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
    }

    /** The table, ending with a newline. */
    String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        List<String> rule = new ArrayList<>();
        for (boolean n : numeric) {
            rule.add(n ? "---:" : "---");
        }
        line(sb, rule);
        for (List<String> r : rows) {
            line(sb, r);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }
}
