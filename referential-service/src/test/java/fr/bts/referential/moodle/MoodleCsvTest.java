package fr.bts.referential.moodle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MoodleCsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertEquals("plain", MoodleCsv.escape("plain"));
        assertEquals("\"a, b\"", MoodleCsv.escape("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", MoodleCsv.escape("say \"hi\""));
        assertEquals("\"l1\nl2\"", MoodleCsv.escape("l1\nl2"));
        assertEquals("", MoodleCsv.escape(null));
    }
}
