package fr.bts.evaluation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.evaluation.deliberation.DossierCandidat;
import fr.bts.evaluation.deliberation.DossierCandidat.Adjustment;
import fr.bts.evaluation.deliberation.DossierCandidat.Evaluation;
import fr.bts.evaluation.deliberation.FormeInscription;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.SessionCandidate;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the deliberation engine reads of a session, streamed: one pass over the candidates joined with their grades and
 * the president's adjustments of those grades, grouped by candidate, so each candidate's dossier is handed over as soon
 * as its rows are read and nothing of the whole session is held but the results. Plain JDBC rows, not managed entities:
 * nothing to map or dirty-check for tens of thousands of grades. (An adjustment counts only on a graded épreuve, so the
 * join on the grade loses nothing the engine reads.)
 */
@ApplicationScoped
public class DossierRows implements PanacheRepositoryBase<SessionCandidate, UUID> {

    /** One candidate as the engine sees them, with the names they are listed under. */
    public record CandidateDossier(String candidateNumber, String lastName, String firstName, DossierCandidat dossier) {
    }

    private static final String SQL = "select c.id, c.candidate_number, c.last_name, c.first_name, c.voie, c.forme, "
            + "c.epreuves::text as epreuves, g.epreuve, g.statut, g.note, g.situations::text as situations, "
            + "a.note as adjusted, a.motif, a.auteur "
            + "from session_candidate c "
            + "left join grade g on g.session_id = c.session_id and g.candidate_id = c.id "
            + "left join adjustment a on a.session_id = g.session_id and a.candidate_id = g.candidate_id and a.epreuve = g.epreuve "
            + "where c.session_id = ? order by c.id";
    private static final int FETCH_SIZE = 2000;
    private static final TypeReference<Map<String, BigDecimal>> MARKS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> CODES = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    /** Hands each candidate of the session to {@code each}, in no particular order; pending writes are flushed first. */
    public void forEach(UUID sessionId, Consumer<CandidateDossier> each) {
        getEntityManager().flush();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SQL)) {
                statement.setObject(1, sessionId);
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    read(rows, each);
                }
            }
        });
    }

    private void read(ResultSet rows, Consumer<CandidateDossier> each) throws SQLException {
        Object current = null;
        Candidate candidate = null;
        while (rows.next()) {
            Object id = rows.getObject("id");
            if (!id.equals(current)) {
                if (candidate != null) {
                    each.accept(candidate.dossier());
                }
                current = id;
                candidate = new Candidate(rows.getString("candidate_number"), rows.getString("last_name"),
                        rows.getString("first_name"), rows.getString("voie"), rows.getString("forme"),
                        read(rows.getString("epreuves"), CODES, "stored épreuve list unreadable"));
            }
            String epreuve = rows.getString("epreuve");
            if (epreuve == null) {
                continue;
            }
            String situations = rows.getString("situations");
            candidate.evaluations.put(epreuve, new Evaluation(StatutNote.valueOf(rows.getString("statut")), rows.getBigDecimal("note"),
                    situations == null ? null : read(situations, MARKS, "stored situation marks unreadable")));
            BigDecimal adjusted = rows.getBigDecimal("adjusted");
            if (adjusted != null) {
                candidate.adjustments.put(epreuve, new Adjustment(adjusted, rows.getString("motif"), rows.getString("auteur")));
            }
        }
        if (candidate != null) {
            each.accept(candidate.dossier());
        }
    }

    /** The rows of one candidate being read. */
    private static final class Candidate {
        final String number;
        final String lastName;
        final String firstName;
        final String voie;
        final String forme;
        final List<String> epreuves;
        final Map<String, Evaluation> evaluations = new HashMap<>();
        final Map<String, Adjustment> adjustments = new HashMap<>();

        Candidate(String number, String lastName, String firstName, String voie, String forme, List<String> epreuves) {
            this.number = number;
            this.lastName = lastName;
            this.firstName = firstName;
            this.voie = voie;
            this.forme = forme;
            this.epreuves = epreuves;
        }

        CandidateDossier dossier() {
            return new CandidateDossier(number, lastName, firstName, new DossierCandidat(number, voie, FormeInscription.valueOf(forme),
                    new HashSet<>(epreuves), evaluations, adjustments));
        }
    }

    private <T> T read(String json, TypeReference<T> type, String failure) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(failure, e);
        }
    }
}
