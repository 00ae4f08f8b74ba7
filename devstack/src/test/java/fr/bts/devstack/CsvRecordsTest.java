package fr.bts.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One row per case of RFC 4180 the tests' exports rely on: the text, and the records it holds. */
class CsvRecordsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty text", "", List.of()),
                Arguments.of("CRLF between records", "a,b\r\nc,d\r\n", List.of(List.of("a", "b"), List.of("c", "d"))),
                Arguments.of("bare LF between records", "a,b\nc,d\n", List.of(List.of("a", "b"), List.of("c", "d"))),
                Arguments.of("no line break after the last record", "a,b\r\nc,d", List.of(List.of("a", "b"), List.of("c", "d"))),
                Arguments.of("empty fields", ",\r\n,x,", List.of(List.of("", ""), List.of("", "x", ""))),
                Arguments.of("an empty line is one empty field", "a\r\n\r\nb", List.of(List.of("a"), List.of(""), List.of("b"))),
                Arguments.of("quoted comma", "\"a, b\",c", List.of(List.of("a, b", "c"))),
                Arguments.of("doubled quote", "\"say \"\"hi\"\"\",x", List.of(List.of("say \"hi\"", "x"))),
                Arguments.of("quoted CRLF and LF", "\"l1\r\nl2\",\"m1\nm2\"\r\nz", List.of(List.of("l1\r\nl2", "m1\nm2"), List.of("z"))),
                Arguments.of("quoted empty field", "\"\"", List.of(List.of(""))),
                Arguments.of("quoted formula kept as text", "\"'=HYPERLINK(\"\"http://x\"\")\",\"\r=1\"",
                        List.of(List.of("'=HYPERLINK(\"http://x\")", "\r=1"))),
                Arguments.of("a bare CR is field text", "\r=1+1,b\r\n", List.of(List.of("\r=1+1", "b"))),
                Arguments.of("a quote inside an unquoted field is text", "ab\"c,d", List.of(List.of("ab\"c", "d"))),
                Arguments.of("accents", "é,ç\r\n", List.of(List.of("é", "ç"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheRecords(String name, String text, List<List<String>> records) {
        assertEquals(records, CsvRecords.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unclosed", "a,\"b\r\n", "\"a\"b,c"})
    void refusesWhatIsNotCsv(String text) {
        assertThrows(IllegalArgumentException.class, () -> CsvRecords.parse(text));
    }

    @Test
    void theRecordsOfAnExportRoundTrip() {
        String export = "code,libelle\r\n\"C1\",\"Gérer, \"\"vite\"\"\r\net bien\"\r\n";
        assertEquals(List.of(List.of("code", "libelle"), List.of("C1", "Gérer, \"vite\"\r\net bien")), CsvRecords.parse(export));
    }
}
