package fr.bts.commons.problem;

import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are outages (503), which are conflicts (409), and that everything else stays a 500. */
class StoreProblemMappersTest {

    private static int status(Throwable t) {
        return StoreProblemMappers.classify(t).map(n -> n.problem().status()).orElse(500);
    }

    private static String type(Throwable t) {
        return StoreProblemMappers.classify(t).orElseThrow().problem().type().toString();
    }

    @Test
    void connectionClassSqlStatesAreOutages() {
        // PostgreSQL SQLSTATE class 08 (connection exception) and 57P01..03 (server shutting down / starting)
        for (String state : new String[]{"08001", "08006", "08003", "57P01", "57P02", "57P03", "53300"}) {
            assertEquals(503, status(new IllegalStateException("wrapped", new SQLException("down", state))), state);
        }
    }

    @Test
    void agroalAcquisitionTimeoutIsAnOutage() {
        // Agroal 3 throws a plain SQLException without SQLState when no connection comes within acquisition-timeout
        assertEquals(503, status(new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"))));
        assertEquals(503, status(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
        assertEquals(503, status(new SQLTransientConnectionException("pool closed")));
    }

    @Test
    void socketFailuresAndDownstream503AreOutages() {
        assertEquals(503, status(new UncheckedIOException(new java.io.IOException(new ConnectException("Connection refused")))));
        assertEquals(503, status(new WebApplicationException(503)));
        assertEquals(500, status(new WebApplicationException(500)));
    }

    @Test
    void uniqueViolationIsA409NamingTheConstraint() {
        SQLException unique = new SQLException("ERROR: duplicate key value violates unique constraint \"grade_session_candidate_epreuve_key\"", "23505");
        assertEquals(409, status(new RuntimeException(unique)));
        assertEquals("urn:bts:problem:duplicate", type(unique));
        assertTrue(StoreProblemMappers.classify(unique).orElseThrow().problem().detail().contains("grade_session_candidate_epreuve_key"));
    }

    @Test
    void serializationFailureAndDeadlockAreConcurrentUpdates() {
        assertEquals("urn:bts:problem:concurrent-update", type(new SQLException("could not serialize", "40001")));
        assertEquals("urn:bts:problem:concurrent-update", type(new SQLException("deadlock detected", "40P01")));
    }

    @Test
    void otherFailuresStayInternal() {
        assertEquals(500, status(new SQLException("syntax error", "42601")));
        assertEquals(500, status(new SQLException("not null", "23502")));
        assertEquals(500, status(new NullPointerException()));
    }
}
