package fr.bts.evaluation.health;

import fr.bts.commons.health.BoundedProbe;
import fr.bts.commons.health.ReadinessConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Readiness of PostgreSQL: a {@code select 1} on a pooled connection, bounded by {@code bts.readiness.timeout} so
 * that readiness always answers in time and turns DOWN as soon as the database stops answering (issue 10). It
 * replaces the built-in datasource check, which waits as long as the pool's acquisition timeout.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DataSource dataSource;

    @Inject
    ReadinessConfig config;

    private final BoundedProbe probe = new BoundedProbe("PostgreSQL");

    @Override
    public HealthCheckResponse call() {
        BoundedProbe.Outcome outcome = probe.check(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(2);
                statement.execute("select 1");
                return "select 1 answered";
            }
        }, config.timeout());
        return HealthCheckResponse.named("database").status(outcome.up()).withData("detail", outcome.detail()).build();
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}
