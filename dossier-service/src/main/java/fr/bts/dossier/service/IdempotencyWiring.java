package fr.bts.dossier.service;

import com.mongodb.client.MongoClient;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.commons.idempotency.mongo.MongoIdempotencyStore;
import fr.bts.dossier.config.DossierConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Binds the suite's idempotency mechanism ({@link Idempotency}, commons) to dossier-service: its records in the
 * {@code idempotency} collection of the dossier database, its settings {@code dossier.idempotency.*}, the threads that
 * renew the leases of running requests, and the periodic purge. The purge may run on every instance at once: it is a
 * conditional delete of records older than the retention, which deletes each record once and never one taken over.
 */
@ApplicationScoped
public class IdempotencyWiring {

    public static final String COLLECTION = "idempotency";

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Inject
    DossierConfig config;

    private final ScheduledExecutorService renewals = Idempotency.renewalThreads();

    private MongoIdempotencyStore store;
    private Idempotency idempotency;

    @PostConstruct
    void init() {
        store = new MongoIdempotencyStore(mongo.getDatabase(database).getCollection(COLLECTION, Document.class));
        idempotency = new Idempotency(store, config.idempotency(), renewals, Clock.systemUTC());
    }

    @Produces
    @Singleton
    Idempotency idempotency() {
        return idempotency;
    }

    void indexes(@Observes StartupEvent start) {
        store.createIndexes();
    }

    @Scheduled(every = "${dossier.idempotency.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        idempotency.purgeExpired();
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
    }
}
