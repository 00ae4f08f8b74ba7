package fr.bts.devstack;

import java.util.ArrayList;
import java.util.List;

/**
 * The one CSV reader of the tests (RFC 4180, independent of any exporter's own escaping): fields separated by commas,
 * records by CRLF (a bare LF is accepted too, as most readers do); a quoted field may hold commas, doubled quotes, CR
 * and LF. A CR outside quotes that does not start a CRLF is field text, so a cell starting with it stays visible to
 * the formula checks. The last record needs no line break; an unclosed quote or text after a closing quote is not
 * CSV and fails the reading.
 */
public final class CsvRecords {

    private CsvRecords() {
    }

    /** The records of {@code text}, each the list of its fields; an empty text has none. */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean open = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean endOfRecord = c == '\n' || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            open = !endOfRecord;
            if (c == '"' && field.isEmpty()) {
                i = quoted(text, i + 1, field);
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (endOfRecord) {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += c == '\r' ? 2 : 1;
            } else {
                field.append(c);
                i++;
            }
        }
        if (open) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** Reads the quoted field starting after its opening quote at {@code from}; answers the index after its closing quote. */
    private static int quoted(String text, int from, StringBuilder field) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '"') {
                field.append(c);
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                field.append('"');
                i += 2;
            } else {
                int after = i + 1;
                if (after < text.length() && ",\r\n".indexOf(text.charAt(after)) < 0) {
                    throw new IllegalArgumentException("text after the closing quote at offset " + i);
                }
                return after;
            }
        }
        throw new IllegalArgumentException("unclosed quote opened at offset " + (from - 1));
    }
}
