package fr.bts.dossier.service;

import fr.bts.commons.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, a doubled quote inside a quoted field,
 * CRLF or LF line ends. A malformed document (stray quote, text after a closing quote, unclosed quote) is a 400.
 * Written cells that a spreadsheet would read as a formula are prefixed with a quote (CSV injection).
 */
public final class Csv {

    private Csv() {
    }

    /** The records of {@code text}; blank lines are skipped. Each record keeps its 1-based line number at index 0. */
    public static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0 || afterQuote) {
                        throw malformed(line, "a quote inside an unquoted field");
                    }
                    quoted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                }
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        throw malformed(line, "a carriage return outside a quoted field");
                    }
                }
                case '\n' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
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
        }
        if (quoted) {
            throw malformed(line, "a quoted field is never closed");
        }
        if (field.length() > 0 || !fields.isEmpty() || afterQuote) {
            fields.add(field.toString());
            addRecord(records, fields, recordLine);
        }
        return records;
    }

    private static void addRecord(List<Record> records, List<String> fields, int line) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return;
        }
        records.add(new Record(line, List.copyOf(fields)));
    }

    private static ProblemException malformed(int line, String what) {
        return ProblemException.badRequest("Malformed CSV at line " + line + ": " + what);
    }

    /** One CSV cell, quoted when needed, with a leading quote before =, +, -, @, tab or CR (formula injection). */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    public record Record(int line, List<String> fields) {
    }
}
