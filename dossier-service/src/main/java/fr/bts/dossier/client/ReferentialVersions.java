package fr.bts.dossier.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.conformity.ExigencesDossier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * Referential versions, cached: a published version never changes in what this service reads, so it is kept in
 * memory (at most {@code dossier.referential.versions-cache-max-size}, the same on every instance). The number behind
 * {@code current} is shared by all instances through MongoDB ({@link KnownReferentialVersions}): it is re-resolved
 * once it is older than {@code dossier.referential.current-ttl}, by whichever instance asks first, so that every
 * instance resolves {@code current} to the same version; the last known one is used while the referential is
 * unreachable. Every version read is also kept in MongoDB: an instance started while the referential is down still
 * answers from them; with nothing kept either, the answer is the client's 503.
 */
@ApplicationScoped
public class ReferentialVersions {

    private static final Logger LOG = Logger.getLogger(ReferentialVersions.class);
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Inject
    ReferentialClient client;

    @Inject
    KnownReferentialVersions known;

    @Inject
    DossierConfig config;

    private Cache<String, ReferentialVersion> versions;

    @PostConstruct
    void init() {
        versions = Caffeine.newBuilder().maximumSize(config.referential().versionsCacheMaxSize()).build();
    }

    /** A version by number, or the current one when {@code version} is null. */
    public Optional<ReferentialVersion> get(String certification, Integer version) {
        if (version != null) {
            ReferentialVersion cached = versions.getIfPresent(key(certification, version));
            if (cached != null) {
                return Optional.of(cached);
            }
            try {
                return client.version(certification, String.valueOf(version)).map(v -> keep(certification, v));
            } catch (ProblemException e) {
                if (e.problem().status() != 503) {
                    throw e;
                }
                return lastKnown(certification, version).map(Optional::of).orElseThrow(() -> e);
            }
        }
        Optional<KnownReferentialVersion> pointer = known.current(certification);
        if (pointer.isPresent() && fresh(pointer.get())) {
            return get(certification, pointer.get().number);
        }
        Instant readAt = Instant.now();
        try {
            Optional<ReferentialVersion> read = client.version(certification, "current").map(v -> keep(certification, v));
            read.ifPresent(v -> keepCurrent(certification, v.number(), readAt));
            return read;
        } catch (ProblemException e) {
            if (e.problem().status() != 503 || pointer.isEmpty()) {
                throw e;
            }
            int number = pointer.get().number;
            ReferentialVersion cached = versions.getIfPresent(key(certification, number));
            Optional<ReferentialVersion> kept = cached != null ? Optional.of(cached) : lastKnown(certification, number);
            if (kept.isEmpty()) {
                throw e;
            }
            LOG.warnf("Referential unreachable; using the last known current version %d of %s (read at %s)", number,
                    certification, pointer.get().savedAt);
            return kept;
        }
    }

    /** Whether the shared pointer to {@code current} was read recently enough to be answered without asking again. */
    private boolean fresh(KnownReferentialVersion pointer) {
        return pointer.savedAt != null && pointer.savedAt.plus(config.referential().currentTtl()).isAfter(Instant.now());
    }

    /** The dossier requirements of an épreuve, read as the conformity engine's records. */
    public static Optional<ExigencesDossier> exigences(ReferentialVersion.Epreuve epreuve) {
        if (!epreuve.hasDossier()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LENIENT.treeToValue(epreuve.exigencesDossier(), ExigencesDossier.class));
        } catch (Exception e) {
            throw new ProblemException(ProblemType.BAD_GATEWAY,
                    "The referential's dossier requirements of épreuve " + epreuve.code() + " cannot be read");
        }
    }

    private ReferentialVersion keep(String asked, ReferentialVersion version) {
        String code = version.certification().code();
        boolean fresh = versions.asMap().put(key(code, version.number()), version) == null;
        versions.put(key(asked, version.number()), version);
        if (fresh) {
            store(code, version);
            if (!asked.equals(code)) {
                store(asked, version);
            }
        }
        return version;
    }

    /** The version as kept in MongoDB by an earlier read (of this instance or another one), back in the memory cache. */
    private Optional<ReferentialVersion> lastKnown(String certification, int number) {
        return known.findByIdOptional(key(certification, number)).filter(k -> k.document != null).map(k -> {
            try {
                ReferentialVersion version = LENIENT.readValue(k.document, ReferentialVersion.class);
                versions.put(key(certification, number), version);
                LOG.warnf("Referential unreachable; using %s version %d as read at %s", certification, number, k.savedAt);
                return version;
            } catch (JsonProcessingException e) {
                LOG.warnf("The kept copy of %s version %d is unreadable: %s", certification, number, e.getOriginalMessage());
                return null;
            }
        });
    }

    private void store(String certification, ReferentialVersion version) {
        try {
            KnownReferentialVersion k = new KnownReferentialVersion();
            k.id = key(certification, version.number());
            k.certification = certification;
            k.number = version.number();
            k.document = LENIENT.writeValueAsString(version);
            k.savedAt = Instant.now();
            known.persistOrUpdate(k);
        } catch (JsonProcessingException | RuntimeException e) {
            // the copy only helps a later cold start; the read itself succeeded
            LOG.warnf("Could not keep a copy of %s version %d: %s", certification, version.number(), e.getMessage());
        }
    }

    private void keepCurrent(String certification, int number, Instant readAt) {
        try {
            known.keepCurrent(certification, number, readAt);
        } catch (RuntimeException e) {
            LOG.warnf("Could not keep the current version number %d of %s: %s", number, certification, e.getMessage());
        }
    }

    private static String key(String certification, int number) {
        return certification + "/" + number;
    }
}
