package fr.bts.referential.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers of the public reads that depend on which versions are current (items by UUID, the certification list
 * and summaries, CASE documents), kept in memory so that repeated reads do not query the database, as the JSON bytes
 * they are answered with and the strong ETag of those bytes (the same on every instance). Only answers for non-admin
 * callers are kept. An answer is served only while the shared generation ({@link VersionWrites}), read after the
 * request arrived, is the one read before the rows it came from: a write committed through any instance is seen by
 * the next request on every instance.
 */
@ApplicationScoped
public class PublicReads {

    /** Free-text list queries make the key space open: past this many answers, the memory starts over. */
    static final int MAX_ENTRIES = 2_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    VersionWrites writes;

    @Inject
    ReferentialQueryService queries;

    @Inject
    CaseService cases;

    @Inject
    ObjectMapper mapper;

    private record Entry(Object value, long generation) {
    }

    /** A read model with the bytes it is answered with and their strong ETag. */
    public record Answer(Object value, byte[] body, EntityTag tag) {
    }

    /** See {@link ReferentialQueryService#item}. */
    public Answer item(UUID id, boolean admin) {
        return admin ? answer(queries.item(id, true))
                : remembered(key("item", id.toString()), () -> answer(queries.item(id, false)));
    }

    /** See {@link ReferentialQueryService#certifications}. */
    public Answer certifications(String q, String level, String status, PageRequest page, boolean admin) {
        return admin ? answer(queries.certifications(q, level, status, page, true))
                : remembered(key("certifications", q, level, status, Integer.toString(page.page()),
                        Integer.toString(page.size())), () -> answer(queries.certifications(q, level, status, page, false)));
    }

    /** See {@link ReferentialQueryService#certification}. */
    public Answer certification(String codeOrRncp, boolean admin) {
        return admin ? answer(queries.certification(codeOrRncp, true))
                : remembered(key("certification", codeOrRncp), () -> answer(queries.certification(codeOrRncp, false)));
    }

    /** See {@link CaseService#documents}; the answer is shared: callers must not modify it. */
    public ObjectNode caseDocuments(String baseUri) {
        return remembered(key("CFDocuments", baseUri), () -> cases.documents(baseUri));
    }

    /** A read model as it is answered: its JSON bytes (the service's mapper) and their strong ETag. */
    public Answer answer(Object value) {
        try {
            byte[] body = mapper.writeValueAsBytes(value);
            return new Answer(value, body, ETags.ofBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A read model of the referential does not serialize", e);
        }
    }

    /**
     * The answer remembered under {@code key} while the shared generation has not moved, or the one {@code read}
     * gives (then remembered under the generation read before it).
     */
    @SuppressWarnings("unchecked")
    private <T> T remembered(String key, Supplier<T> read) {
        long generation = writes.generation();
        Entry entry = entries.get(key);
        if (entry != null && entry.generation() == generation) {
            return (T) entry.value();
        }
        T value = read.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(value, generation));
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
