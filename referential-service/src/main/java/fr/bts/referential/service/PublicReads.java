package fr.bts.referential.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.referential.config.ReferentialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers of the public reads that depend on which versions are current (items by UUID, the certification list
 * and summaries, CASE documents), kept in memory so that repeated reads do not query the database. Only answers
 * for non-admin callers are kept. An answer is good only while no version write has ended since the read that
 * produced it began ({@link VersionWrites}), so on this instance a read never sees an older state than the last
 * write. Writes made through another instance are seen within {@code referential.http.current-lookup-ttl}, as
 * for {@code current}.
 */
@ApplicationScoped
public class PublicReads {

    /** Free-text list queries make the key space open: past this many answers, the memory starts over. */
    static final int MAX_ENTRIES = 2_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    ReferentialConfig config;

    @Inject
    VersionWrites writes;

    @Inject
    ReferentialQueryService queries;

    @Inject
    CaseService cases;

    private record Entry(Object value, long expiresAtNanos, long generation) {
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
        if (entry != null && System.nanoTime() - entry.expiresAtNanos() < 0 && entry.generation() == writes.generation()) {
            return (T) entry.value();
        }
        long generation = writes.generation();
        T value = read.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(value, System.nanoTime() + config.http().currentLookupTtl().toNanos(), generation));
        return value;
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
}
