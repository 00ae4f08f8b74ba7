package fr.bts.dossier.client;

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
 * known one is used while the referential is unreachable.
 */
@ApplicationScoped
public class ReferentialVersions {

    private static final Logger LOG = Logger.getLogger(ReferentialVersions.class);
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Inject
    ReferentialClient client;

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
            return client.version(certification, String.valueOf(version)).map(v -> keep(certification, v));
        }
        Current current = currents.get(certification);
        if (current != null && current.until().isAfter(Instant.now())) {
            return Optional.ofNullable(versions.get(key(certification, current.number())));
        }
        try {
            Optional<ReferentialVersion> read = client.version(certification, "current").map(v -> keep(certification, v));
            read.ifPresent(v -> currents.put(certification,
                    new Current(v.number(), Instant.now().plus(config.referential().currentTtl()))));
            return read;
        } catch (ProblemException e) {
            if (current != null && e.problem().status() == 503) {
                LOG.warnf("Referential unreachable; using the last known current version %d of %s", current.number(), certification);
                return Optional.ofNullable(versions.get(key(certification, current.number())));
            }
            throw e;
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
        versions.put(key(version.certification().code(), version.number()), version);
        versions.put(key(asked, version.number()), version);
        return version;
    }

    private static String key(String certification, int number) {
        return certification + "/" + number;
    }
}
