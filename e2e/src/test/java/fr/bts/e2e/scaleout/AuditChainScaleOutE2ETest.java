package fr.bts.e2e.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.bts.e2e.scaleout.GradingSession.EPREUVES;
import static fr.bts.e2e.scaleout.GradingSession.EVALUATIONS;
import static fr.bts.e2e.scaleout.GradingSession.JURY;
import static fr.bts.e2e.scaleout.GradingSession.RECTORAT;
import static fr.bts.e2e.scaleout.GradingSession.at;
import static fr.bts.e2e.scaleout.GradingSession.json;
import static fr.bts.e2e.Fixtures.mark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit hash chain stays valid with concurrent grade writers on both evaluation instances (issue 14): twenty jury
 * apps send their batches at the same moment, half to instance A and half to instance B, each appending to the
 * versailles chain from its own transaction (the chain is serialized by a PostgreSQL advisory lock per académie,
 * not by anything in an instance's memory). Afterwards every grade is stored once and {@code GET …/audit/verify}
 * answers valid, with the same chain head, on both instances.
 */
class AuditChainScaleOutE2ETest {

    private static final int WRITERS = 20;

    @Test
    void concurrentGradeWritersOnBothInstancesLeaveAValidChain() throws Exception {
        GradingSession session = GradingSession.get();
        assertTrue(session.candidates.size() > WRITERS, "the idempotency test grades the last candidate");
        List<String> writers = session.candidates.subList(0, WRITERS);
        JsonNode before = verify(0);
        assertTrue(before.path("valid").asBoolean(), () -> "chain before: " + before);
        AtomicInteger toldToWait = new AtomicInteger();

        List<Response> answers = IdempotencyScaleOutE2ETest.together(WRITERS, i -> {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (String epreuve : EPREUVES) {
                batch.add(mark(writers.get(i), epreuve, String.valueOf(8 + (i % 12))));
            }
            String key = "scale-out-audit-" + i + "-" + UUID.randomUUID();
            return Retrying.untilDone(() -> at(Instances.evaluation(), i, JURY).header("Idempotency-Key", key)
                    .body(Map.of("grades", batch)).post(session.path("/grades")).then().extract().response(), toldToWait);
        });
        for (Response answer : answers) {
            assertEquals(200, answer.statusCode(), answer::asString);
            assertEquals(EPREUVES.size(), json(answer).path("created").asInt());
        }

        Set<String> pairs = new HashSet<>();
        for (JsonNode g : session.grades(1).path("items")) {
            if (writers.contains(g.path("candidate").asText()) && EPREUVES.contains(g.path("epreuve").asText())) {
                assertTrue(pairs.add(g.path("candidate").asText() + "/" + g.path("epreuve").asText()), "graded once: " + g);
            }
        }
        assertEquals(WRITERS * EPREUVES.size(), pairs.size(), "no grade lost");

        JsonNode onA = verify(0);
        JsonNode onB = verify(1);
        assertTrue(onA.path("valid").asBoolean(), () -> "chain after, instance A: " + onA);
        assertTrue(onB.path("valid").asBoolean(), () -> "chain after, instance B: " + onB);
        assertEquals(onA.path("entries").asInt(), onB.path("entries").asInt(), "one chain, whichever instance verifies it");
        assertEquals(onA.path("chains"), onB.path("chains"));
        assertTrue(onA.path("entries").asInt() >= before.path("entries").asInt() + WRITERS,
                () -> "every batch appended to the chain: " + before.path("entries") + " → " + onA.path("entries"));
        System.out.printf("scale-out audit: %d writers on %d instances, %d entries appended, chain valid on both%n",
                WRITERS, Instances.evaluation().size(), onA.path("entries").asInt() - before.path("entries").asInt());
    }

    private static JsonNode verify(int instance) {
        return json(at(Instances.evaluation(), instance, RECTORAT).get(EVALUATIONS + "/audit/verify")
                .then().statusCode(200).extract().response());
    }
}
