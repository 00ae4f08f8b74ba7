package fr.bts.referential.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import fr.bts.referential.config.ReferentialConfig;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.VersionDocument;
import fr.bts.referential.model.Certification;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.model.SeedLoad;
import fr.bts.referential.model.VersionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Loads the seed diplomas (BTS GPME and BTS SAM, written from the seed documents) as PUBLISHED version 1 of
 * their certification on start, when that certification does not exist yet: idempotent across restarts, and once
 * when several instances start together on one database. Each seed file is loaded in one transaction that first takes
 * a PostgreSQL advisory lock of that file ({@code pg_try_advisory_xact_lock}, polled so that no statement waits past
 * the socket timeout), then checks the {@code seed_load} record and the certification, loads, and writes the record:
 * the instance that comes second waits for the first one's commit and finds the record. A seed file that does not
 * parse strictly into the version document stops the start: data and contract must agree.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);
    /** First half of the advisory lock keys of seed files (the second is the file name's hash). */
    private static final int SEED_LOCKS = 0x5EED;
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    /** What a start did with one seed file. */
    enum Outcome {
        /** Loaded now, by this instance; recorded in {@code seed_load}. */
        LOADED,
        /** Loaded earlier (by this instance or another one), as its {@code seed_load} record says. */
        LOADED_BEFORE,
        /** Not loaded: a certification of that code exists without a record (seeded before the record existed). */
        CERTIFICATION_PRESENT
    }

    @Inject
    ReferentialConfig config;

    @Inject
    VersionStorage storage;

    void onStart(@Observes StartupEvent event) {
        if (!config.seed().enabled()) {
            return;
        }
        for (String resource : config.seed().files()) {
            loadOnce(resource, readTree(resource));
        }
    }

    /** Loads one seed document ({@code tree}, read from {@code resource}) unless it was loaded before; logs what it did. */
    Outcome loadOnce(String resource, JsonNode tree) {
        String code = code(resource, tree);
        long deadline = System.nanoTime() + config.seed().lockTimeout().toNanos();
        while (true) {
            Optional<Outcome> outcome;
            try {
                outcome = QuarkusTransaction.requiringNew().call(() -> lock(resource)
                        ? Optional.of(loadLocked(resource, tree, code)) : Optional.<Outcome>empty());
            } catch (RuntimeException e) {
                // an instance of a version without the lock may have inserted it first (unique code)
                if (!QuarkusTransaction.requiringNew().call(() -> Certification.findByCodeOrRncp(code).isPresent())) {
                    throw e;
                }
                outcome = Optional.of(Outcome.CERTIFICATION_PRESENT);
            }
            if (outcome.isPresent()) {
                log(resource, code, outcome.get());
                return outcome.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Seed " + resource + " is still being loaded by another instance after "
                        + config.seed().lockTimeout() + " (referential.seed.lock-timeout)");
            }
            LockSupport.parkNanos(config.seed().lockPoll().toNanos());
            if (Thread.interrupted()) {
                throw new IllegalStateException("interrupted while waiting for the lock of seed " + resource);
            }
        }
    }

    /** Takes the advisory lock of a seed file for the current transaction, if no other transaction holds it. */
    private static boolean lock(String resource) {
        Object locked = SeedLoad.getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(?1, ?2)")
                .setParameter(1, SEED_LOCKS).setParameter(2, resource.hashCode()).getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    private Outcome loadLocked(String resource, JsonNode tree, String code) {
        if (SeedLoad.findById(resource) != null) {
            return Outcome.LOADED_BEFORE;
        }
        if (!load(tree, code)) {
            return Outcome.CERTIFICATION_PRESENT;
        }
        SeedLoad record = new SeedLoad();
        record.resource = resource;
        record.certification = code;
        record.loadedAt = Instant.now();
        record.loadedBy = INSTANCE;
        record.persist();
        return Outcome.LOADED;
    }

    private static void log(String resource, String code, Outcome outcome) {
        switch (outcome) {
            case LOADED -> LOG.infof("Seed %s loaded as published version 1 of %s by %s", resource, code, INSTANCE);
            case LOADED_BEFORE -> {
                SeedLoad record = QuarkusTransaction.requiringNew().call(() -> SeedLoad.<SeedLoad>findById(resource));
                LOG.infof("Seed %s already loaded by %s at %s", resource, record.loadedBy, record.loadedAt);
            }
            case CERTIFICATION_PRESENT -> LOG.infof("Seed %s not loaded: certification %s already exists", resource, code);
        }
    }

    private static String code(String resource, JsonNode tree) {
        JsonNode codeNode = tree.path("certification").path("code");
        if (!codeNode.isTextual() || codeNode.asText().isBlank()) {
            throw new IllegalStateException("Seed " + resource + " has no certification.code");
        }
        return codeNode.asText();
    }

    /** Loads one seed document as version 1 of certification {@code code} unless it exists; returns whether it did. */
    private boolean load(JsonNode tree, String code) {
        if (Certification.findByCodeOrRncp(code).isPresent()) {
            return false;
        }
        VersionDocument parsed;
        try {
            parsed = DocumentJson.toDocument(tree, code);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Seed " + code + " is not a version document: " + e.getOriginalMessage()
                    + " at " + e.getLocation(), e);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        VersionDocument.VersionInfo seedVersion = parsed.version();
        VersionDocument document = Documents.withVersion(parsed, new VersionDocument.VersionInfo(1,
                VersionStatus.PUBLISHED.name(), now, seedVersion == null ? null : seedVersion.libelle(),
                seedVersion == null || seedVersion.sources() == null ? java.util.List.of() : seedVersion.sources()));

        Certification certification = new Certification();
        certification.id = document.certification().id();
        certification.code = code;
        certification.createdAt = now;
        VersionStorage.syncCertification(certification, document.certification());
        certification.persist();

        ReferentialVersion version = new ReferentialVersion();
        version.certification = certification;
        version.number = 1;
        version.status = VersionStatus.PUBLISHED;
        version.createdAt = now;
        version.validatedAt = now;
        version.publishedAt = now;
        storage.store(version, document);
        return true;
    }

    static JsonNode readTree(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Seed resource " + resource + " is missing from the classpath");
            }
            return DocumentJson.readTree(in.readAllBytes());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Seed " + resource + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
