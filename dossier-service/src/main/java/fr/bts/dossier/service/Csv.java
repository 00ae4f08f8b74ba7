package fr.bts.dossier.service;

import fr.bts.commons.csv.CsvWriter;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.text.ControlCharacters;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, a doubled quote inside a quoted field,
 * CRLF or LF line ends. A malformed document (stray quote, text after a closing quote, unclosed quote) is a 400, and
 * so is a cell with a control character other than tab and newline ({@link ControlCharacters}, the rule JSON bodies
 * follow too). Writing goes through the suite's one cell writer, {@link fr.bts.commons.csv.CsvWriter}, which puts a
 * {@code '} before a cell a spreadsheet would read as a formula; reading takes that quote off again (a cell
 * {@code '=…}, {@code '+…}, {@code '-…}, {@code '@…} reads {@code =…}), so that an export imports back unchanged.
 */
public final class Csv {

    private Csv() {
    }

    /** The records of {@code text}; blank lines are skipped. Each record keeps its 1-based line number. */
    public static List<Record> parse(String text) {
        Reader reader = new Reader(text);
        for (int i = text.startsWith("\uFEFF") ? 1 : 0; i < text.length(); i++) {
            i = reader.quoted ? reader.inQuotes(i) : reader.unquoted(i);
        }
        return reader.end();
    }

    /** The state of one reading: the record and field being read, the line, inside or just after quotes. */
    private static final class Reader {
        private final String text;
        private final List<Record> records = new ArrayList<>();
        private List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private int line = 1;
        private int recordLine = 1;
        private boolean quoted;
        private boolean afterQuote;

        Reader(String text) {
            this.text = text;
        }

        /** Reads the character at {@code i} inside a quoted field; answers the index of the last character read. */
        int inQuotes(int i) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    return i + 1;
                }
                quoted = false;
                afterQuote = true;
            } else {
                if (c == '\n') {
                    line++;
                }
                field.append(c);
            }
            return i;
        }

        /** Reads the character at {@code i} outside quotes; answers the index of the last character read. */
        int unquoted(int i) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> {
                    if (field.length() > 0 || afterQuote) {
                        throw malformed(line, "a quote inside an unquoted field");
                    }
                    quoted = true;
                }
                case ',' -> endField();
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        throw malformed(line, "a carriage return outside a quoted field");
                    }
                }
                case '\n' -> {
                    endField();
                    addRecord(records, fields, recordLine);
                    fields = new ArrayList<>();
                    line++;
                    recordLine = line;
                }
                default -> {
                    if (afterQuote) {
                        throw malformed(line, "text after a closing quote");
                    }
                    field.append(c);
                }
            }
            return i;
        }

        private void endField() {
            fields.add(field.toString());
            field.setLength(0);
            afterQuote = false;
        }

        List<Record> end() {
            if (quoted) {
                throw malformed(line, "a quoted field is never closed");
            }
            if (field.length() > 0 || !fields.isEmpty() || afterQuote) {
                fields.add(field.toString());
                addRecord(records, fields, recordLine);
            }
            return records;
        }
    }

    private static void addRecord(List<Record> records, List<String> fields, int line) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return;
        }
        List<String> cells = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String cell = fields.get(i);
            int refused = ControlCharacters.firstRefused(cell);
            if (refused >= 0) {
                String where = "line " + line + ", column " + (i + 1);
                throw new ProblemException(Problem.of(ProblemType.INVALID_CHARACTER, "The CSV cell at " + where
                        + " has a refused character (" + ControlCharacters.describe(cell, refused) + ")",
                        List.of(new Problem.Violation(where, "control characters other than tab and newline are refused"))));
            }
            cells.add(cell.length() > 1 && cell.charAt(0) == '\'' && CsvWriter.looksLikeFormula(cell.substring(1))
                    ? cell.substring(1) : cell);
        }
        records.add(new Record(line, List.copyOf(cells)));
    }

    private static ProblemException malformed(int line, String what) {
        return ProblemException.badRequest("Malformed CSV at line " + line + ": " + what);
    }

    public record Record(int line, List<String> fields) {
    }
}
