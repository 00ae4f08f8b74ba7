package fr.bts.commons.csv;

import java.util.Arrays;
import java.util.List;

/**
 * The one CSV cell writer of the suite (issue 11), used by every CSV it sends: the PV, the registration export, the
 * Moodle competency framework. RFC 4180 quoting — a cell with the delimiter, a double quote, a LF or a bare CR is
 * quoted, inner quotes doubled — and the OWASP rule against spreadsheet formula injection: a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR gets a leading {@code '}, so that a spreadsheet shows
 * it as text instead of evaluating it ({@code =HYPERLINK(…)} in a title, a name ending in a CR that would start the
 * next cell as a formula).
 */
public final class CsvWriter {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final char delimiter;
    private final String lineEnd;
    private final StringBuilder out = new StringBuilder();

    private CsvWriter(char delimiter, String lineEnd) {
        this.delimiter = delimiter;
        this.lineEnd = lineEnd;
    }

    /** Comma-separated rows ended by {@code lineEnd} ({@code "\r\n"} per RFC 4180, or {@code "\n"}). */
    public static CsvWriter comma(String lineEnd) {
        return new CsvWriter(',', lineEnd);
    }

    /** Semicolon-separated rows (what French spreadsheets open directly), ended by {@code lineEnd}. */
    public static CsvWriter semicolon(String lineEnd) {
        return new CsvWriter(';', lineEnd);
    }

    public CsvWriter row(String... cells) {
        return row(Arrays.asList(cells));
    }

    public CsvWriter row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            out.append(cell(cells.get(i), delimiter));
        }
        out.append(lineEnd);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** One cell for a CSV separated by {@code delimiter}: neutralised, then quoted when needed; null is empty. */
    public static String cell(String value, char delimiter) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(delimiter) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** Whether {@code value} is a cell {@link #cell} would neutralise. */
    public static boolean looksLikeFormula(String value) {
        return value != null && !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
    }
}
