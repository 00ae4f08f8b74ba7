package fr.bts.commons.health;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Readiness of a service's PostgreSQL: a {@code select 1} on a pooled connection, bounded by
 * {@code bts.readiness.timeout} so that readiness always answers in time and turns DOWN as soon as the database stops
 * answering (issue 10). It replaces the built-in datasource check, which waits as long as the pool's acquisition
 * timeout. Abstract, so that only a service with a datasource registers it: a {@code @Readiness @ApplicationScoped}
 * subclass of its own.
 */
public abstract class JdbcReadinessCheck implements HealthCheck {

    @Inject
    protected DataSource dataSource;

    @Inject
    protected ReadinessConfig config;

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
    protected void close() {
        probe.close();
    }
}
