package fr.bts.commons.csv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvWriterTest {

    /** OWASP "CSV Injection": cells starting with = + - @ tab CR are prefixed with a single quote. */
    @Test
    void formulaCellsAreNeutralised() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"", CsvWriter.cell("=HYPERLINK(\"http://x\";\"y\")", ';'));
        assertEquals("'+33 1 02", CsvWriter.cell("+33 1 02", ';'));
        assertEquals("'-2+3", CsvWriter.cell("-2+3", ';'));
        assertEquals("'@SUM(A1)", CsvWriter.cell("@SUM(A1)", ';'));
        assertEquals("plain", CsvWriter.cell("plain", ';'));
        assertEquals("a=b", CsvWriter.cell("a=b", ';'));
    }

    @Test
    void tabAndCarriageReturnAtTheStartAreNeutralisedAndQuotedWhenNeeded() {
        assertEquals("'\t=1", CsvWriter.cell("\t=1", ','));
        assertEquals("\"'\r=1\"", CsvWriter.cell("\r=1", ','));
    }

    @Test
    void aBareCarriageReturnInsideACellIsQuotedSoTheNextCellCannotBecomeAFormula() {
        assertEquals("\"Martin\r=cmd|' /C calc'!A0\"", CsvWriter.cell("Martin\r=cmd|' /C calc'!A0", ';'));
        String row = CsvWriter.semicolon("\r\n").row("C1", "Martin\r=1+1", "Léa").toString();
        assertEquals("C1;\"Martin\r=1+1\";Léa\r\n", row);
    }

    @Test
    void theDelimiterQuotesAndNewlinesAreQuoted() {
        assertEquals("\"a,b\"", CsvWriter.cell("a,b", ','));
        assertEquals("a,b", CsvWriter.cell("a,b", ';'));
        assertEquals("\"a;b\"", CsvWriter.cell("a;b", ';'));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.cell("say \"hi\"", ','));
        assertEquals("\"l1\nl2\"", CsvWriter.cell("l1\nl2", ','));
        assertEquals("", CsvWriter.cell(null, ','));
        assertEquals("", CsvWriter.cell("", ','));
    }
}
