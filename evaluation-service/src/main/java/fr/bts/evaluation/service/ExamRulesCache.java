package fr.bts.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.bts.evaluation.deliberation.ReglesExamen;

/**
 * The exam rules of sessions, parsed once per instance. A session's rules are copied from its published referential
 * version when it opens and never written again, so an entry is keyed by that version and the stored copy itself:
 * what an instance serves is always what the row says, the same on every instance, with nothing to invalidate; two
 * sessions on the same version share one entry. Bounded ({@code evaluation.rules-cache.max-size}): a rule set
 * evicted is parsed again from its row.
 */
final class ExamRulesCache {

    private record Key(String certification, int referentialVersion, String rules) {
    }

    private final Cache<Key, ReglesExamen> cache;
    private final ObjectMapper mapper;

    ExamRulesCache(long maxSize, ObjectMapper mapper) {
        this.cache = Caffeine.newBuilder().maximumSize(maxSize).build();
        this.mapper = mapper;
    }

    /** The rules stored as {@code rules} (JSON) for a session on {@code certification} version {@code referentialVersion}. */
    ReglesExamen get(String certification, int referentialVersion, String rules) {
        return cache.get(new Key(certification, referentialVersion, rules), key -> {
            try {
                return mapper.readValue(key.rules(), ReglesExamen.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored exam rules of " + certification + " version " + referentialVersion
                        + " are unreadable", e);
            }
        });
    }

    /** How many rule sets are held (after pending evictions). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
