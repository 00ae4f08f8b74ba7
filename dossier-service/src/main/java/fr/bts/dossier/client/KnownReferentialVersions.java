package fr.bts.dossier.client;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The last-known referential versions ({@link KnownReferentialVersion}), collection {@code referential_versions}. */
@ApplicationScoped
public class KnownReferentialVersions implements PanacheMongoRepositoryBase<KnownReferentialVersion, String> {
}
