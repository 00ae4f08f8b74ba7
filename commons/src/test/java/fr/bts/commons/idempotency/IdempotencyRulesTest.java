package fr.bts.commons.idempotency;

import fr.bts.commons.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of the mechanism that need no store: key syntax, scope, fingerprint, run ids, kept answers. */
class IdempotencyRulesTest {

    @Test
    void aKeyIsOneTo255VisibleAsciiCharacters() {
        assertEquals(Optional.of("a"), IdempotencyKeys.parse("a", true));
        assertEquals(Optional.of("k".repeat(255)), IdempotencyKeys.parse("k".repeat(255), false));
        assertEquals(Optional.of("3f2a-7c~!{}/="), IdempotencyKeys.parse("3f2a-7c~!{}/=", false));
        for (String bad : new String[] {"k".repeat(256), "with space", "tab\t", "é", "new\nline"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> IdempotencyKeys.parse(bad, false), bad);
            assertEquals(400, e.problem().status(), bad);
            assertEquals("Idempotency-Key", e.problem().violations().get(0).field(), bad);
        }
    }

    @Test
    void aMissingKeyIsA400OnlyWhereTheOperationRequiresOne() {
        assertEquals(Optional.empty(), IdempotencyKeys.parse(null, false));
        assertEquals(Optional.empty(), IdempotencyKeys.parse("", false));
        assertEquals(400, assertThrows(ProblemException.class, () -> IdempotencyKeys.parse(null, true)).problem().status());
        assertEquals(400, assertThrows(ProblemException.class, () -> IdempotencyKeys.parse("", true)).problem().status());
    }

    @Test
    void twoScopesNeverShareAnId() {
        assertEquals("versailles/sub-1/k", new IdempotencyScope("versailles", "sub-1", "k").id());
        assertNotEquals(new IdempotencyScope("a/b", "c", "k").id(), new IdempotencyScope("a", "b/c", "k").id());
        assertNotEquals(new IdempotencyScope("a", "b", "c/k").id(), new IdempotencyScope("a", "b/c", "k").id());
        assertNotEquals(new IdempotencyScope("a%2Fb", "c", "k").id(), new IdempotencyScope("a/b", "c", "k").id());
    }

    @Test
    void theFingerprintCoversTheOperationAndEveryByte() {
        String base = Idempotency.fingerprint("imports", new byte[] {1, 2, 3});
        assertEquals(64, base.length());
        assertEquals(base, Idempotency.fingerprint("imports", new byte[] {1, 2, 3}));
        assertNotEquals(base, Idempotency.fingerprint("create", new byte[] {1, 2, 3}));
        assertNotEquals(base, Idempotency.fingerprint("imports", new byte[] {1, 2, 4}));
    }

    @Test
    void aRunDerivesTheSameIdsOnEveryAttemptAndOtherIdsThanAnotherRun() {
        Execution run = new Execution("run-1", false);
        Execution takeover = new Execution("run-1", true);
        assertEquals(run.idFor("row-0"), takeover.idFor("row-0"));
        assertNotEquals(run.idFor("row-0"), run.idFor("row-1"));
        assertNotEquals(run.idFor("row-0"), new Execution("run-2", false).idFor("row-0"));
        assertNotEquals(Execution.unkeyed().runId(), Execution.unkeyed().runId());
    }

    @Test
    void aKeptAnswerReadsBackWithItsHeadersInOrder() {
        Reply reply = Reply.json(201, "{\"id\":\"x\"}").withHeader("ETag", "\"v1\"").withLocation("/api/dossiers/v1/dossiers/x");
        Reply back = Reply.stored(reply.status(), reply.headerLines(), reply.body());
        assertEquals(reply.status(), back.status());
        assertEquals(reply.body(), back.body());
        assertEquals(reply.headers(), back.headers());
        assertEquals(java.util.List.of("Content-Type", "ETag", "Location"), java.util.List.copyOf(back.headers().keySet()));
        assertTrue(back.replayed());
        assertThrows(IllegalArgumentException.class, () -> new Reply(200, Map.of("X", "a\r\nSet-Cookie: b"), "", false));
    }
}
