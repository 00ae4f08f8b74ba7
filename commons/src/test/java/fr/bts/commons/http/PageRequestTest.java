package fr.bts.commons.http;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        PageRequest request = PageRequest.of(null, " ", 100);
        assertEquals(new PageRequest(0, 20), request);
        assertEquals(0, request.offset());
    }

    @Test
    void offsetIsPageTimesSize() {
        assertEquals(60, PageRequest.of("3", "20", 100).offset());
    }

    @Test
    void rejectsASizeAboveTheCapAndNonNumbersNamingEachParameter() {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of("x", "1000", 100));
        assertEquals(400, e.problem().status());
        List<String> fields = e.problem().violations().stream().map(Problem.Violation::field).toList();
        assertEquals(List.of("page", "size"), fields);
    }

    @Test
    void rejectsNegativePagesAndZeroSize() {
        assertThrows(ProblemException.class, () -> PageRequest.of("-1", "10", 100));
        assertThrows(ProblemException.class, () -> PageRequest.of("0", "0", 100));
    }

    @Test
    void pageCountRoundsUp() {
        Page<String> page = Page.of(new PageRequest(0, 20), 41, List.of("a"));
        assertEquals(3, page.totalPages());
        assertEquals(0, Page.of(new PageRequest(0, 20), 0, List.of()).totalPages());
    }
}
