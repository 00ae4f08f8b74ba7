package fr.bts.evaluation.health;

import fr.bts.commons.health.JdbcReadinessCheck;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** This service's PostgreSQL in its readiness, by the suite's bounded check ({@link JdbcReadinessCheck}). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness extends JdbcReadinessCheck {
}
