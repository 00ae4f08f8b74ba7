package fr.bts.referential.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.referential.config.ReferentialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers of the public reads that depend on which versions are current (items by UUID, the certification list
 * and summaries, CASE documents), kept in memory so that repeated reads do not query the database. Only answers
 * for non-admin callers are kept. Every write of a version ({@link VersionStorage#store}) forgets them all once its
 * transaction ends, and a read that ran across that end does not store its answer, so on this instance a read
 * never sees an older state than the last write. Writes made through another instance are seen within
 * {@code referential.http.current-lookup-ttl}, as for {@code current}.
 */
@ApplicationScoped
public class PublicReads {

    /** Free-text list queries make the key space open: past this many answers, the memory starts over. */
    static final int MAX_ENTRIES = 2_000;
    private static final Object INVALIDATION_REGISTERED = new Object();

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Inject
    ReferentialConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    ReferentialQueryService queries;

    @Inject
    CaseService cases;

    private record Entry(Object value, long expiresAtNanos) {
    }

    /** See {@link ReferentialQueryService#item}. */
    public Views.Item item(UUID id, boolean admin) {
        return admin ? queries.item(id, true) : remembered(key("item", id.toString()), () -> queries.item(id, false));
    }

    /** See {@link ReferentialQueryService#certifications}. */
    public Page<Views.CertificationSummary> certifications(String q, String level, String status, PageRequest page,
                                                           boolean admin) {
        return admin ? queries.certifications(q, level, status, page, true)
                : remembered(key("certifications", q, level, status, Integer.toString(page.page()),
                        Integer.toString(page.size())), () -> queries.certifications(q, level, status, page, false));
    }

    /** See {@link ReferentialQueryService#certification}. */
    public Views.CertificationDetail certification(String codeOrRncp, boolean admin) {
        return admin ? queries.certification(codeOrRncp, true)
                : remembered(key("certification", codeOrRncp), () -> queries.certification(codeOrRncp, false));
    }

    /** See {@link CaseService#documents}; the answer is shared: callers must not modify it. */
    public ObjectNode caseDocuments(String baseUri) {
        return remembered(key("CFDocuments", baseUri), () -> cases.documents(baseUri));
    }

    /** The answer remembered under {@code key}, or the one {@code read} gives (then remembered). */
    @SuppressWarnings("unchecked")
    private <T> T remembered(String key, Supplier<T> read) {
        Entry entry = entries.get(key);
        if (entry != null && System.nanoTime() - entry.expiresAtNanos() < 0) {
            return (T) entry.value();
        }
        long before = generation.get();
        T value = read.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        Entry fresh = new Entry(value, System.nanoTime() + config.http().currentLookupTtl().toNanos());
        entries.put(key, fresh);
        if (generation.get() != before) {
            // a write ended while this read ran: its answer may predate the write
            entries.remove(key, fresh);
        }
        return value;
    }

    /** Forgets every answer when the current transaction ends (it writes what they show). */
    public void invalidateAfterTransaction() {
        if (transactions.getResource(INVALIDATION_REGISTERED) != null) {
            return;
        }
        transactions.putResource(INVALIDATION_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                invalidate();
            }
        });
    }

    /** A key no two different argument lists share: each part is prefixed with its length. */
    private static String key(String kind, String... parts) {
        StringBuilder key = new StringBuilder(kind);
        for (String part : parts) {
            String p = part == null ? "" : part;
            key.append('|').append(p.length()).append(':').append(p);
        }
        return key.toString();
    }

    /** Forgets every answer now. */
    public void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
