package fr.bts.referential.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import fr.bts.referential.config.ReferentialConfig;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.VersionDocument;
import fr.bts.referential.model.Certification;
import fr.bts.referential.model.ReferentialVersion;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Loads the seed diplomas (BTS GPME and BTS SAM, written from the seed documents) as PUBLISHED version 1 of
 * their certification on start, when that certification does not exist yet: idempotent across restarts.
 * A seed file that does not parse strictly into the version document stops the start: data and contract
 * must agree.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    @Inject
    ReferentialConfig config;

    @Inject
    VersionStorage storage;

    void onStart(@Observes StartupEvent event) {
        if (!config.seed().enabled()) {
            return;
        }
        for (String resource : config.seed().files()) {
            boolean loaded;
            try {
                loaded = QuarkusTransaction.requiringNew().call(() -> load(resource));
            } catch (RuntimeException e) {
                // another instance starting at the same time may have inserted it first (unique code)
                if (!QuarkusTransaction.requiringNew().call(() -> alreadyLoaded(resource))) {
                    throw e;
                }
                loaded = false;
            }
            LOG.infof(loaded ? "Seed %s loaded as published version 1" : "Seed %s already present", resource);
        }
    }

    /** Loads one seed resource unless its certification exists; returns whether it was loaded. */
    boolean load(String resource) {
        JsonNode tree = readTree(resource);
        JsonNode codeNode = tree.path("certification").path("code");
        if (!codeNode.isTextual() || codeNode.asText().isBlank()) {
            throw new IllegalStateException("Seed " + resource + " has no certification.code");
        }
        String code = codeNode.asText();
        if (Certification.findByCodeOrRncp(code).isPresent()) {
            return false;
        }
        VersionDocument parsed;
        try {
            parsed = DocumentJson.toDocument(tree, code);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Seed " + resource + " is not a version document: " + e.getOriginalMessage()
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

    boolean alreadyLoaded(String resource) {
        return Certification.findByCodeOrRncp(readTree(resource).path("certification").path("code").asText()).isPresent();
    }

    private static JsonNode readTree(String resource) {
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
