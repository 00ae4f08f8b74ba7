package fr.bts.evaluation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a grade batch reads before it writes, each in one statement for the whole batch: its candidates with the
 * épreuves the caller grades them at, then their stored grades. Plain JDBC rows with one array parameter (the SQL and
 * its plan are the same whatever the batch holds), not managed entities: nothing to map into the persistence context
 * or dirty-check; the batch writes what changed with {@link GradeRepository#insert} and {@link GradeRepository#update}.
 */
@ApplicationScoped
public class GradeBatchRows implements PanacheRepositoryBase<Grade, UUID> {

    /**
     * A candidate of the batch: the épreuves they sit or hold ({@code epreuves}) and those of them that the caller
     * grades, on a commission of that épreuve where both sit ({@code gradable}).
     */
    public record BatchCandidate(UUID id, String candidateNumber, List<String> epreuves, Set<String> gradable) {
    }

    private static final String CANDIDATES = "select c.id, c.candidate_number, c.epreuves::text, "
            + "array(select k.epreuve from commission k join commission_member m on m.commission_id = k.id "
            + "join commission_candidate x on x.commission_id = k.id "
            + "where k.session_id = c.session_id and m.account = ? and x.candidate_id = c.id) "
            + "from session_candidate c where c.session_id = ? and c.candidate_number = any(?)";
    private static final String STORED = "select id, candidate_id, epreuve, statut, note, situations::text, origine, grille::text, "
            + "commentaire, grader, graded_at, version from grade where session_id = ? and candidate_id = any(?)";

    @Inject
    ObjectMapper mapper;

    private ObjectReader codes;
    private ObjectReader marks;
    private ObjectReader grid;

    @PostConstruct
    void readers() {
        codes = mapper.readerFor(new TypeReference<List<String>>() {
        });
        marks = mapper.readerFor(new TypeReference<Map<String, BigDecimal>>() {
        });
        grid = mapper.readerFor(new TypeReference<Map<String, String>>() {
        });
    }

    /** The candidates of the session with these numbers, by number, with what {@code account} grades of each. */
    public Map<String, BatchCandidate> candidates(UUID sessionId, String account, Collection<String> numbers) {
        Map<String, BatchCandidate> out = new HashMap<>();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement s = connection.prepareStatement(CANDIDATES)) {
                s.setString(1, account);
                s.setObject(2, sessionId);
                s.setArray(3, connection.createArrayOf("varchar", numbers.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        BatchCandidate c = new BatchCandidate(rs.getObject(1, UUID.class), rs.getString(2),
                                read(rs.getString(3), codes), Set.copyOf(Arrays.asList(strings(rs.getArray(4)))));
                        out.put(c.candidateNumber(), c);
                    }
                }
            }
        });
        return out;
    }

    /** The stored grades of these candidates in the session, by candidate and épreuve, as plain objects. */
    public Map<GradablePair, Grade> stored(UUID sessionId, Collection<UUID> candidateIds) {
        Map<GradablePair, Grade> out = new HashMap<>();
        if (candidateIds.isEmpty()) {
            return out;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement s = connection.prepareStatement(STORED)) {
                s.setObject(1, sessionId);
                s.setArray(2, uuids(connection, candidateIds));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Grade g = grade(sessionId, rs);
                        out.put(new GradablePair(g.candidateId, g.epreuve), g);
                    }
                }
            }
        });
        return out;
    }

    private Grade grade(UUID sessionId, ResultSet rs) throws SQLException {
        Grade g = new Grade();
        g.id = rs.getObject(1, UUID.class);
        g.sessionId = sessionId;
        g.candidateId = rs.getObject(2, UUID.class);
        g.epreuve = rs.getString(3);
        g.statut = StatutNote.valueOf(rs.getString(4));
        g.note = rs.getBigDecimal(5);
        g.situations = read(rs.getString(6), marks);
        g.origine = Origine.valueOf(rs.getString(7));
        g.grille = read(rs.getString(8), grid);
        g.commentaire = rs.getString(9);
        g.grader = rs.getString(10);
        g.gradedAt = rs.getObject(11, OffsetDateTime.class).toInstant();
        g.version = rs.getLong(12);
        return g;
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static <T> T read(String json, ObjectReader reader) {
        if (json == null) {
            return null;
        }
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored grade or candidate content unreadable", e);
        }
    }
}
