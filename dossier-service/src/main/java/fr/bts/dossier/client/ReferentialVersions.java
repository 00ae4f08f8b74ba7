package fr.bts.dossier.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.conformity.ExigencesDossier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Referential versions, cached: a published version never changes, so it is kept for the life of the service;
 * the number behind {@code current} is re-resolved after {@code dossier.referential.current-ttl}, and the last
 * known one is used while the referential is unreachable. Every version read, and the number last known behind
 * {@code current}, is also kept in MongoDB ({@link KnownReferentialVersions}): an instance started while the
 * referential is down still answers from them; with nothing kept either, the answer is the client's 503.
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

    private final Map<String, ReferentialVersion> versions = new ConcurrentHashMap<>();
    private final Map<String, Current> currents = new ConcurrentHashMap<>();

    private record Current(int number, Instant until) {
    }

    /** A version by number, or the current one when {@code version} is null. */
    public Optional<ReferentialVersion> get(String certification, Integer version) {
        if (version != null) {
            ReferentialVersion cached = versions.get(key(certification, version));
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
        Current current = currents.get(certification);
        if (current != null && current.until().isAfter(Instant.now())) {
            return Optional.ofNullable(versions.get(key(certification, current.number())));
        }
        try {
            Optional<ReferentialVersion> read = client.version(certification, "current").map(v -> keep(certification, v));
            read.ifPresent(v -> {
                currents.put(certification, new Current(v.number(), Instant.now().plus(config.referential().currentTtl())));
                keepCurrent(certification, v.number());
            });
            return read;
        } catch (ProblemException e) {
            if (e.problem().status() != 503) {
                throw e;
            }
            if (current != null) {
                LOG.warnf("Referential unreachable; using the last known current version %d of %s", current.number(), certification);
                return Optional.ofNullable(versions.get(key(certification, current.number())));
            }
            Optional<Integer> number = known.findByIdOptional(certification + "/current").map(k -> k.number);
            Optional<ReferentialVersion> kept = number.flatMap(n -> lastKnown(certification, n));
            if (kept.isEmpty()) {
                throw e;
            }
            LOG.warnf("Referential unreachable; using the current version %d of %s kept by an earlier read", number.get(), certification);
            return kept;
        }
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
        boolean fresh = versions.put(key(code, version.number()), version) == null;
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

    private void keepCurrent(String certification, int number) {
        try {
            Optional<KnownReferentialVersion> kept = known.findByIdOptional(certification + "/current");
            if (kept.isPresent() && kept.get().number == number) {
                return;
            }
            KnownReferentialVersion k = new KnownReferentialVersion();
            k.id = certification + "/current";
            k.certification = certification;
            k.number = number;
            k.savedAt = Instant.now();
            known.persistOrUpdate(k);
        } catch (RuntimeException e) {
            LOG.warnf("Could not keep the current version number %d of %s: %s", number, certification, e.getMessage());
        }
    }

    private static String key(String certification, int number) {
        return certification + "/" + number;
    }
}
