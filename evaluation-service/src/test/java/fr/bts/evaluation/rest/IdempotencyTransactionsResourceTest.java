package fr.bts.evaluation.rest;

import fr.bts.commons.idempotency.Idempotency;
import fr.bts.commons.idempotency.IdempotencyInProgress;
import fr.bts.commons.idempotency.IdempotencyScope;
import fr.bts.commons.idempotency.Reply;
import fr.bts.devstack.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDBC idempotency store inside the service's transactions: the first answer is part of the work's transaction,
 * so a transaction that rolls back after the answer was recorded (a commit refused by a concurrent change) records no
 * answer and frees its key at once; a retry then runs.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
class IdempotencyTransactionsResourceTest {

    @Inject
    Idempotency idempotency;

    private static long records(String key) throws Exception {
        return EvaluationFlowResourceTest.count("select count(*) from idempotency_record where idem_key = '" + key + "'");
    }

    @Test
    void anAnswerWhoseTransactionRollsBackIsNotKeptAndItsKeyIsFreed() throws Exception {
        IdempotencyScope scope = new IdempotencyScope("versailles", "sub-tx", "rolled-back");
        AtomicInteger runs = new AtomicInteger();
        // the work's transaction fails at its commit
        assertThrows(QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Reply first = idempotency.run(scope, "fp", run -> Reply.json(200, "{\"run\":" + runs.incrementAndGet() + "}"));
            assertEquals("{\"run\":1}", first.body());
            QuarkusTransaction.setRollbackOnly();
        }));
        // the release runs once the transaction ended (bounded poll on the table)
        for (int i = 0; i < 200 && records("rolled-back") > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, records("rolled-back"), "no answer kept, no key left in progress");

        Reply retry = QuarkusTransaction.requiringNew().call(() ->
                idempotency.run(scope, "fp", run -> Reply.json(200, "{\"run\":" + runs.incrementAndGet() + "}")));
        assertEquals("{\"run\":2}", retry.body());
        assertEquals(1, records("rolled-back"));
        assertTrue(idempotency.run(scope, "fp", run -> {
            throw new AssertionError("a committed answer is replayed, never run again");
        }).replayed());
    }

    @Test
    void theClaimIsVisibleToOtherInstancesBeforeTheWorksTransactionCommits() throws Exception {
        IdempotencyScope scope = new IdempotencyScope("versailles", "sub-tx", "visible-claim");
        QuarkusTransaction.requiringNew().run(() -> idempotency.run(scope, "fp", run -> {
            // another instance, meanwhile, reads the committed claim: in progress
            assertThrows(IdempotencyInProgress.class, () -> idempotency.run(scope, "fp", again -> Reply.json(200, "{}")));
            return Reply.json(200, "{\"ok\":true}");
        }));
        assertEquals(1, EvaluationFlowResourceTest.count("select count(*) from idempotency_record where idem_key = 'visible-claim' "
                + "and status = 200 and owner is null"));
    }
}
