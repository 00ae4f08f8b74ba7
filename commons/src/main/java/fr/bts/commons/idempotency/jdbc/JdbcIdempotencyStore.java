package fr.bts.commons.idempotency.jdbc;

import fr.bts.commons.idempotency.IdempotencyScope;
import fr.bts.commons.idempotency.IdempotencyStore;
import fr.bts.commons.idempotency.Reply;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * Idempotency records in a PostgreSQL table {@code idempotency_record} (primary key academie, caller, idem_key;
 * created by the service's migration). The claim is one {@code insert … on conflict do update … where} statement:
 * PostgreSQL locks the conflicting row and evaluates the condition on its latest version, so two instances never
 * both claim a key. Claims, renewals, releases and purges run in a transaction of their own
 * ({@link Transactions#separate}), committed at once so that other instances see the lease (without waiting for its WAL
 * flush: see {@link #separate}); {@link #complete} runs in
 * the caller's transaction, so the first answer commits with the work it describes, or not at all — and if that
 * transaction rolls back, the key is freed ({@link Transactions#afterRollback}) instead of waiting for its lease.
 */
public class JdbcIdempotencyStore implements IdempotencyStore {

    /** The service's transactions, as the store needs them. */
    public interface Transactions {
        /** Runs a piece of work in a new transaction, committed when it returns (the caller's one is suspended). */
        <T> T separate(Supplier<T> work);

        /**
         * Runs {@code action} once the caller's current transaction has ended without committing (nothing when there
         * is none): an answer recorded in a transaction that rolls back must not leave its key in progress.
         */
        void afterRollback(Runnable action);
    }

    private static final String KEY = "academie = ? and caller = ? and idem_key = ?";

    private final DataSource dataSource;
    private final Transactions transactions;

    public JdbcIdempotencyStore(DataSource dataSource, Transactions transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    @Override
    public Claim claim(IdempotencyScope scope, String fingerprint, String owner, String newRunId, Instant now, Instant leaseUntil,
                       Instant expiredBefore) {
        return separate(c -> {
            // a new key, an expired record (new run) or the same request whose worker's lease ran out (same run)
            try (PreparedStatement s = c.prepareStatement("insert into idempotency_record "
                    + "(academie, caller, idem_key, request_hash, run_id, owner, lease_until, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (academie, caller, idem_key) do update set request_hash = excluded.request_hash, "
                    + "owner = excluded.owner, lease_until = excluded.lease_until, status = null, headers = null, body = null, "
                    + "run_id = case when idempotency_record.created_at < ? then excluded.run_id else idempotency_record.run_id end, "
                    + "created_at = case when idempotency_record.created_at < ? then excluded.created_at else idempotency_record.created_at end "
                    + "where (idempotency_record.created_at < ? and (idempotency_record.status is not null "
                    + "or idempotency_record.lease_until is null or idempotency_record.lease_until < ?)) "
                    + "or (idempotency_record.status is null "
                    + "and idempotency_record.lease_until < ? and idempotency_record.request_hash = excluded.request_hash) "
                    + "returning run_id")) {
                int i = key(s, 1, scope);
                s.setString(i++, fingerprint);
                s.setString(i++, newRunId);
                s.setString(i++, owner);
                s.setObject(i++, time(leaseUntil));
                s.setObject(i++, time(now));
                s.setObject(i++, time(expiredBefore));
                s.setObject(i++, time(expiredBefore));
                s.setObject(i++, time(expiredBefore));
                s.setObject(i++, time(now));
                s.setObject(i, time(now));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        String runId = rs.getString(1);
                        return new Claim.Claimed(runId, !runId.equals(newRunId));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select request_hash, status, headers, body, lease_until "
                    + "from idempotency_record where " + KEY)) {
                key(s, 1, scope);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return new Claim.Taken(null);
                    }
                    int status = rs.getInt(2);
                    Reply answer = rs.wasNull() ? null : Reply.stored(status, rs.getString(3), rs.getString(4));
                    OffsetDateTime lease = rs.getObject(5, OffsetDateTime.class);
                    return new Claim.Taken(new Record(rs.getString(1), answer, lease == null ? null : lease.toInstant()));
                }
            }
        });
    }

    @Override
    public boolean renew(IdempotencyScope scope, String owner, Instant leaseUntil) {
        return separate(c -> {
            try (PreparedStatement s = c.prepareStatement("update idempotency_record set lease_until = ? where " + KEY
                    + " and owner = ? and status is null")) {
                s.setObject(1, time(leaseUntil));
                s.setString(key(s, 2, scope), owner);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean complete(IdempotencyScope scope, String owner, Reply reply) {
        boolean completed = jdbc(c -> {
            try (PreparedStatement s = c.prepareStatement("update idempotency_record set status = ?, headers = ?, body = ?, "
                    + "owner = null, lease_until = null where " + KEY + " and owner = ? and status is null")) {
                s.setInt(1, reply.status());
                s.setString(2, reply.headerLines());
                s.setString(3, reply.body());
                s.setString(key(s, 4, scope), owner);
                return s.executeUpdate() == 1;
            }
        });
        if (completed) {
            // the work's transaction may still fail at commit (a concurrent change): then the key is freed at once
            transactions.afterRollback(() -> release(scope, owner));
        }
        return completed;
    }

    @Override
    public void release(IdempotencyScope scope, String owner) {
        separate(c -> {
            try (PreparedStatement s = c.prepareStatement("delete from idempotency_record where " + KEY
                    + " and owner = ? and status is null")) {
                s.setString(key(s, 1, scope), owner);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public long purge(Instant createdBefore, Instant now, int limit) {
        // rows locked by a running claim are skipped (the claim takes them over, or the next purge gets them)
        return separate(c -> {
            try (PreparedStatement s = c.prepareStatement("delete from idempotency_record where (academie, caller, idem_key) in "
                    + "(select academie, caller, idem_key from idempotency_record where created_at < ? "
                    + "and (status is not null or lease_until is null or lease_until < ?) limit ? for update skip locked)")) {
                s.setObject(1, time(createdBefore));
                s.setObject(2, time(now));
                s.setInt(3, limit);
                return (long) s.executeUpdate();
            }
        });
    }

    private static int key(PreparedStatement s, int from, IdempotencyScope scope) throws SQLException {
        s.setString(from, scope.academie());
        s.setString(from + 1, scope.subject());
        s.setString(from + 2, scope.key());
        return from + 3;
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Statements<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Lease bookkeeping in a transaction of its own, committed without waiting for its WAL flush
     * ({@code synchronous_commit} off for that transaction only): a claim, renewal, release or purge is never what a
     * 2xx acknowledges. The answer is recorded by {@link #complete} in the work's transaction, which commits with the
     * server's {@code synchronous_commit} (on) and whose flush covers every earlier WAL record, the claim's included.
     * A crash that loses a claim not yet flushed also ends the work's connection before it committed: the key is then
     * free, as if the worker had died before claiming, and a retry runs it.
     */
    private <T> T separate(Statements<T> work) {
        return transactions.separate(() -> jdbc(c -> {
            try (PreparedStatement s = c.prepareStatement("set local synchronous_commit = off")) {
                s.execute();
            }
            return work.run(c);
        }));
    }

    private <T> T jdbc(Statements<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IdempotencyStoreException(e);
        }
    }

    /** A failure of the store itself (unreachable, refused statement), not of the request. */
    public static class IdempotencyStoreException extends RuntimeException {
        IdempotencyStoreException(SQLException cause) {
            super("Idempotency store: " + cause.getMessage(), cause);
        }
    }
}
