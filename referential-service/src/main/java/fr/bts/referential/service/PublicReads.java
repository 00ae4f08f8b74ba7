package fr.bts.referential.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Answers of the public reads that depend on which versions are current (items by UUID, the certification list
 * and summaries, CASE documents), kept in memory so that repeated reads do not query the database, as the JSON bytes
 * they are answered with and the strong ETag of those bytes (the same on every instance). Only answers for
 * {@link Visibility#PUBLIC} callers are kept, in {@link ReadCaches}. An answer is served only while the shared
 * generation ({@link VersionWrites}), read after the request arrived, is the one read before the rows it came from: a
 * write committed through any instance is seen by the next request on every instance.
 */
@ApplicationScoped
public class PublicReads {

    @Inject
    VersionWrites writes;

    @Inject
    ReferentialQueryService queries;

    @Inject
    CaseService cases;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReadCaches caches;

    /** A remembered answer and the generation read before the rows it came from. */
    public record Entry(Object value, long generation) {
    }

    /** A read model with the bytes it is answered with and their strong ETag. */
    public record Answer(Object value, byte[] body, EntityTag tag) {
    }

    /** See {@link ReferentialQueryService#item}. */
    public Answer item(UUID id, Visibility visibility) {
        return visibility.seesDrafts() ? answer(queries.item(id, visibility))
                : remembered(key("item", id.toString()), () -> answer(queries.item(id, visibility)));
    }

    /**
     * The public answer remembered for an item, whatever the generation now (the caller checks it, see
     * {@link #item}), or null: for the event-loop read, which must not wait for the generation on its thread.
     */
    public Entry rememberedItem(UUID id) {
        return caches.publicReads().getIfPresent(key("item", id.toString()));
    }

    /** See {@link ReferentialQueryService#certifications}. */
    public Answer certifications(String q, String level, String status, PageRequest page, Visibility visibility) {
        return visibility.seesDrafts() ? answer(queries.certifications(q, level, status, page, visibility))
                : remembered(key("certifications", q, level, status, Integer.toString(page.page()),
                        Integer.toString(page.size())), () -> answer(queries.certifications(q, level, status, page, visibility)));
    }

    /** See {@link ReferentialQueryService#certification}. */
    public Answer certification(String codeOrRncp, Visibility visibility) {
        return visibility.seesDrafts() ? answer(queries.certification(codeOrRncp, visibility))
                : remembered(key("certification", codeOrRncp), () -> answer(queries.certification(codeOrRncp, visibility)));
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
        Entry entry = caches.publicReads().getIfPresent(key);
        if (entry != null && entry.generation() == generation) {
            return (T) entry.value();
        }
        T value = read.get();
        caches.publicReads().put(key, new Entry(value, generation));
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
