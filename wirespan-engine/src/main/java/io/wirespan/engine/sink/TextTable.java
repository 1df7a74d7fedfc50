package io.wirespan.engine.sink;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for people: columns sized to their content, cells cut to a maximum width. */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final int maxCellWidth;
    private final List<String[]> rows = new ArrayList<>();

    /** A header ending in {@code >} is right-aligned (numbers); the marker is not printed. */
    public TextTable(int maxCellWidth, String... headers) {
        this.maxCellWidth = maxCellWidth;
        this.headers = new ArrayList<>(headers.length);
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].endsWith(">");
            this.headers.add(rightAligned[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
        }
    }

    public void add(Object... cells) {
        if (cells.length != headers.size()) throw new IllegalArgumentException("expected " + headers.size() + " cells");
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) row[i] = cut(cells[i] == null ? "-" : cells[i].toString());
        rows.add(row);
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) widths[i] = headers.get(i).length();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        printRow(out, headers.toArray(String[]::new), widths);
        for (String[] row : rows) printRow(out, row, widths);
        out.flush();
    }

    private void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) line.append("  ");
            int pad = widths[i] - cells[i].length();
            if (rightAligned[i]) line.repeat(' ', pad);
            line.append(cells[i]);
            if (!rightAligned[i] && i < cells.length - 1) line.repeat(' ', pad);
        }
        out.println(line);
    }

    private String cut(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return oneLine.length() <= maxCellWidth ? oneLine : oneLine.substring(0, maxCellWidth - 1) + "…";
    }
}
