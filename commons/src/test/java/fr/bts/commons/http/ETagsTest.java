package fr.bts.commons.http;

import fr.bts.commons.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ETagsTest {

    private final EntityTag current = ETags.ofBytes("{\"a\":1}".getBytes(StandardCharsets.UTF_8));

    @Test
    void sameBytesGiveTheSameStrongTagAndOtherBytesAnother() {
        assertEquals(current, ETags.ofBytes("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(current, ETags.ofBytes("{\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(current.isWeak());
    }

    @Test
    void ifNoneMatchHitsTheCurrentTagInAListOrAsWeakOrStar() {
        String quoted = "\"" + current.getValue() + "\"";
        assertTrue(ETags.noneMatchHits(quoted, current));
        assertTrue(ETags.noneMatchHits("\"other\", " + quoted, current));
        assertTrue(ETags.noneMatchHits("W/" + quoted, current));
        assertTrue(ETags.noneMatchHits("*", current));
        assertFalse(ETags.noneMatchHits("\"other\"", current));
        assertFalse(ETags.noneMatchHits(null, current));
    }

    @Test
    void ifNoneMatchIsReadAsAListOfEntityTagsWithoutBuildingTheCodedTag() {
        String value = current.getValue();
        assertTrue(ETags.noneMatchHits("\"other\",\t W/\"" + value + "\" ", value, null));
        assertTrue(ETags.noneMatchHits("\"a,b\", \"" + value + "-gzip\"", value, "gzip"));
        assertFalse(ETags.noneMatchHits("\"" + value + "\"", value, "gzip"));
        assertFalse(ETags.noneMatchHits("\"" + value + "-gzip\"", value, null));
        assertFalse(ETags.noneMatchHits("\"" + value + "-gzipx\"", value, "gzip"));
        assertTrue(ETags.noneMatchHits("\"x\", * ", value, null));
        assertFalse(ETags.noneMatchHits("*x, \"other\"", value, null));
        // a comma inside a quoted tag is part of the tag, not a separator
        assertFalse(ETags.noneMatchHits("\"a," + value + "\"", value, null));
        // malformed members match nothing and the list goes on after them
        assertFalse(ETags.noneMatchHits("\"" + value, value, null));
        assertFalse(ETags.noneMatchHits(value, value, null));
        assertTrue(ETags.noneMatchHits("junk, \"" + value + "\"", value, null));
        assertFalse(ETags.noneMatchHits("\"" + value + "\"junk", value, null));
        assertFalse(ETags.noneMatchHits("", value, null));
    }

    @Test
    void missingIfMatchIs428AndAStaleOneIs412() {
        ProblemException missing = assertThrows(ProblemException.class, () -> ETags.requireIfMatch(null, current));
        assertEquals(428, missing.problem().status());
        ProblemException stale = assertThrows(ProblemException.class, () -> ETags.requireIfMatch("\"v1\"", ETags.ofVersion(2)));
        assertEquals(412, stale.problem().status());
        ETags.requireIfMatch("\"v2\"", ETags.ofVersion(2));
        ETags.requireIfMatch("*", ETags.ofVersion(2));
    }

    @Test
    void anotherTagOfTheSameStoredStateSatisfiesIfMatchButTheAnswerNamesTheCurrentOne() {
        EntityTag shown = new EntityTag("v2-0123456789abcdef");
        ETags.requireIfMatch("\"v2-0123456789abcdef\"", shown, ETags.ofVersion(2));
        ETags.requireIfMatch("\"v2\"", shown, ETags.ofVersion(2));
        ProblemException stale = assertThrows(ProblemException.class,
                () -> ETags.requireIfMatch("\"v1\"", shown, ETags.ofVersion(2)));
        assertEquals(412, stale.problem().status());
        assertTrue(stale.problem().detail().contains("v2-0123456789abcdef"), stale.problem().detail());
    }

    @Test
    void aWeakTagNeverSatisfiesIfMatch() {
        assertThrows(ProblemException.class, () -> ETags.requireIfMatch("W/\"v2\"", ETags.ofVersion(2)));
    }

    @Test
    void sha256HexIsTheStandardDigest() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ETags.sha256Hex("abc"));
    }

    @Test
    void eachContentCodingGetsItsOwnTagAndAWeakTagStaysWeak() {
        assertEquals(current.getValue() + "-gzip", ETags.coded(current, "gzip").getValue());
        assertFalse(ETags.coded(current, "gzip").isWeak());
        assertTrue(ETags.coded(new EntityTag("v7", true), "gzip").isWeak());
        assertEquals(current, ETags.coded(current, null));
        assertEquals("\"v7-gzip\"", ETags.codedHeader("\"v7\"", "gzip"));
        assertEquals("W/\"v7-gzip\"", ETags.codedHeader("W/\"v7\"", "gzip"));
        assertEquals("\"v7\"", ETags.codedHeader("\"v7\"", null));
        // the gzip tag does not validate the identity bytes
        assertFalse(ETags.noneMatchHits("\"" + current.getValue() + "-gzip\"", current));
    }

    @Test
    void ifMatchAcceptsTheTagAsACodingShowedItButNotAnotherState() {
        ETags.requireIfMatch("\"v7-gzip\"", new EntityTag("v7"));
        ETags.requireIfMatch("\"v7-deflate\"", new EntityTag("v7"));
        ProblemException stale = assertThrows(ProblemException.class, () -> ETags.requireIfMatch("\"v6-gzip\"", new EntityTag("v7")));
        assertEquals(412, stale.problem().status());
        assertThrows(ProblemException.class, () -> ETags.requireIfMatch("\"v7-br\"", new EntityTag("v7")));
    }
}
