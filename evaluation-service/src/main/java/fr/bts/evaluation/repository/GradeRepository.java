package fr.bts.evaluation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.problem.ProblemException;
import fr.bts.evaluation.model.Grade;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Grades in PostgreSQL. Single grades go through the ORM; a batch's grades are read as plain rows ({@link GradeBatchRows},
 * no dirty checking) and written with JDBC batches (multi-row inserts with {@code reWriteBatchedInserts}, version-checked updates), in the
 * caller's transaction.
 */
@ApplicationScoped
public class GradeRepository implements PanacheRepositoryBase<Grade, UUID> {

    private static final String INSERT = "insert into grade (id, session_id, candidate_id, epreuve, statut, note, situations, "
            + "origine, grille, commentaire, grader, graded_at, version) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?::timestamptz, 0)";
    private static final String UPDATE = "update grade set statut = ?, note = ?, situations = ?::jsonb, origine = ?, grille = ?::jsonb, "
            + "commentaire = ?, grader = ?, graded_at = ?::timestamptz, version = version + 1 where id = ? and version = ?";

    /**
     * Which grades a list shows: those of {@code session}, optionally of one candidate and one épreuve, and, when
     * {@code member} is given, only those of the candidates and épreuves of that jury member's commissions.
     */
    public record Filter(UUID session, String candidateNumber, String epreuve, String member) {
    }

    @Inject
    ObjectMapper mapper;

    public Optional<Grade> findOne(UUID sessionId, UUID candidateId, String epreuve) {
        return find("sessionId = ?1 and candidateId = ?2 and epreuve = ?3", sessionId, candidateId, epreuve).firstResultOptional();
    }

    /** The candidate/épreuve pairs among {@code candidateIds} that {@code account} grades in the session. */
    public Set<GradablePair> gradableBy(UUID sessionId, String account, Collection<UUID> candidateIds) {
        if (candidateIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager().createQuery("select new fr.bts.evaluation.repository.GradablePair(k, c.epreuve) "
                        + "from Commission c join c.members m join c.candidates k "
                        + "where c.sessionId = :session and m = :account and k in :candidates", GradablePair.class)
                .setParameter("session", sessionId).setParameter("account", account)
                .setParameter("candidates", candidateIds).getResultList());
    }

    public long count(Filter filter) {
        return bind(getEntityManager().createQuery("select count(g) " + where(filter), Long.class), filter).getSingleResult();
    }

    /** One page of the grades of {@code filter}, by candidate number then épreuve. */
    public List<GradeRow> page(Filter filter, int offset, int size) {
        return bind(getEntityManager().createQuery("select new fr.bts.evaluation.repository.GradeRow(g, c.candidateNumber) "
                        + where(filter) + " order by c.candidateNumber, g.epreuve", GradeRow.class), filter)
                .setFirstResult(offset).setMaxResults(size).getResultList();
    }

    private static String where(Filter filter) {
        StringBuilder where = new StringBuilder("from Grade g, SessionCandidate c where c.id = g.candidateId and g.sessionId = :session");
        if (filter.candidateNumber() != null) {
            where.append(" and c.candidateNumber = :candidate");
        }
        if (filter.epreuve() != null) {
            where.append(" and g.epreuve = :epreuve");
        }
        if (filter.member() != null) {
            where.append(" and exists (select 1 from Commission k join k.members m join k.candidates x where k.sessionId = :session "
                    + "and m = :account and x = g.candidateId and k.epreuve = g.epreuve)");
        }
        return where.toString();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, Filter filter) {
        Parameters params = Parameters.with("session", filter.session());
        if (filter.candidateNumber() != null) {
            params.and("candidate", filter.candidateNumber());
        }
        if (filter.epreuve() != null) {
            params.and("epreuve", filter.epreuve());
        }
        if (filter.member() != null) {
            params.and("account", filter.member());
        }
        params.map().forEach(query::setParameter);
        return query;
    }

    /** Inserts new grades (version 0) in JDBC batches; a grade created meanwhile by another writer fails on uq_grade (409). */
    public void insert(List<Grade> grades) {
        if (grades.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                Instants instants = new Instants();
                for (Grade g : grades) {
                    insert.setObject(1, g.id);
                    insert.setObject(2, g.sessionId);
                    insert.setObject(3, g.candidateId);
                    insert.setString(4, g.epreuve);
                    content(insert, 5, g, instants);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * Updates grades that were read at {@code grade.version}, in JDBC batches, each to the next version (set on the
     * object); a grade written meanwhile by another writer refuses the whole batch (409, the transaction rolls back).
     */
    public void update(List<Grade> grades) {
        if (grades.isEmpty()) {
            return;
        }
        int[] counts = getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                Instants instants = new Instants();
                for (Grade g : grades) {
                    content(update, 1, g, instants);
                    update.setObject(9, g.id);
                    update.setLong(10, g.version);
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw ProblemException.conflict("The grade of " + grades.get(i).epreuve
                        + " was changed meanwhile by another writer; nothing was stored, read it again");
            }
        }
        grades.forEach(g -> g.version++);
    }

    /** statut, note, situations, origine, grille, commentaire, grader, graded_at from {@code from}. */
    private void content(PreparedStatement statement, int from, Grade g, Instants instants) throws SQLException {
        statement.setString(from, g.statut.name());
        statement.setBigDecimal(from + 1, g.note);
        statement.setString(from + 2, json(g.situations));
        statement.setString(from + 3, g.origine.name());
        statement.setString(from + 4, json(g.grille));
        statement.setString(from + 5, g.commentaire);
        statement.setString(from + 6, g.grader);
        statement.setString(from + 7, instants.text(g.gradedAt));
    }

    /**
     * Instants as {@code timestamptz} text, at the microsecond PostgreSQL keeps (rounded as the driver rounds), each
     * formatted once for the rows that share it: a batch's grades share their {@code graded_at}, and formatting it per
     * row was a twentieth of a batch's CPU.
     */
    static final class Instants {
        private Instant last;
        private String text;

        String text(Instant at) {
            if (!at.equals(last)) {
                last = at;
                text = at.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
            }
            return text;
        }
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("grade content is not serialisable", e);
        }
    }
}
