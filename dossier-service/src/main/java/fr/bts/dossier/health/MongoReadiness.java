package fr.bts.dossier.health;

import com.mongodb.client.MongoClient;
import fr.bts.commons.health.BoundedProbe;
import fr.bts.commons.health.ReadinessConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of MongoDB: a {@code ping} of the dossier database, bounded by {@code bts.readiness.timeout} so that
 * readiness always answers in time and turns DOWN as soon as the store stops answering (issue 10). It replaces the
 * built-in check, which waits as long as the driver's server selection.
 */
@Readiness
@ApplicationScoped
public class MongoReadiness implements HealthCheck {

    @Inject
    MongoClient mongo;

    @Inject
    ReadinessConfig config;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private final BoundedProbe probe = new BoundedProbe("MongoDB");

    @Override
    public HealthCheckResponse call() {
        BoundedProbe.Outcome outcome = probe.check(() -> {
            mongo.getDatabase(database).runCommand(new Document("ping", 1));
            return "ping answered";
        }, config.timeout());
        return HealthCheckResponse.named("mongodb").status(outcome.up()).withData("detail", outcome.detail()).build();
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}
