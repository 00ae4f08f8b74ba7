package fr.bts.evaluation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import fr.bts.evaluation.deliberation.DossierCandidat;
import fr.bts.evaluation.deliberation.DossierCandidat.Adjustment;
import fr.bts.evaluation.deliberation.DossierCandidat.Evaluation;
import fr.bts.evaluation.deliberation.FormeInscription;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.SessionCandidate;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the deliberation engine reads of a session, streamed: one pass over the candidates and, beside it in the same
 * candidate order, one over their grades joined with the president's adjustments of those grades, so each candidate's
 * dossier is handed over as soon as its rows are read and nothing of the whole session is held but the results. Plain JDBC rows, not managed entities:
 * nothing to map or dirty-check for tens of thousands of grades. (An adjustment counts only on a graded épreuve, so the
 * join on the grade loses nothing the engine reads.)
 */
@ApplicationScoped
public class DossierRows implements PanacheRepositoryBase<SessionCandidate, UUID> {

    /** One candidate as the engine sees them, with the names they are listed under. */
    public record CandidateDossier(String candidateNumber, String lastName, String firstName, DossierCandidat dossier) {
    }

    /** The candidates of the session, in id order. */
    private static final String CANDIDATES = "select id, candidate_number, last_name, first_name, voie, forme, epreuves::text "
            + "from session_candidate where session_id = ? order by id";
    /** Their grades with the president's adjustments, in the same candidate order (the order of uq_grade). */
    private static final String GRADES = "select g.candidate_id, g.epreuve, g.statut, g.note, g.situations::text, "
            + "a.note, a.motif, a.auteur "
            + "from grade g left join adjustment a on a.session_id = g.session_id and a.candidate_id = g.candidate_id "
            + "and a.epreuve = g.epreuve where g.session_id = ? order by g.candidate_id";
    // the columns of CANDIDATES and GRADES by position: read by index, not looked up by name on each of the rows
    private static final int ID = 1;
    private static final int NUMBER = 2;
    private static final int LAST_NAME = 3;
    private static final int FIRST_NAME = 4;
    private static final int VOIE = 5;
    private static final int FORME = 6;
    private static final int EPREUVES = 7;
    private static final int CANDIDATE_ID = 1;
    private static final int EPREUVE = 2;
    private static final int STATUT = 3;
    private static final int NOTE = 4;
    private static final int SITUATIONS = 5;
    private static final int ADJUSTED = 6;
    private static final int MOTIF = 7;
    private static final int AUTEUR = 8;
    private static final int FETCH_SIZE = 2000;

    @Inject
    ObjectMapper mapper;

    private ObjectReader marks;
    private ObjectReader codes;

    @PostConstruct
    void readers() {
        marks = mapper.readerFor(new TypeReference<Map<String, BigDecimal>>() {
        });
        codes = mapper.readerFor(new TypeReference<List<String>>() {
        });
    }

    /**
     * Hands each candidate of the session to {@code each}, in no particular order; pending writes are flushed first.
     * Two cursors in the same candidate order are read side by side, so that a candidate's columns come once, not
     * once per grade.
     */
    public void forEach(UUID sessionId, Consumer<CandidateDossier> each) {
        getEntityManager().flush();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement candidates = connection.prepareStatement(CANDIDATES);
                 PreparedStatement grades = connection.prepareStatement(GRADES)) {
                candidates.setObject(1, sessionId);
                candidates.setFetchSize(FETCH_SIZE);
                grades.setObject(1, sessionId);
                grades.setFetchSize(FETCH_SIZE);
                try (ResultSet candidateRows = candidates.executeQuery(); ResultSet gradeRows = grades.executeQuery()) {
                    read(candidateRows, gradeRows, each);
                }
            }
        });
    }

    /** Each candidate with the grade rows that follow in the same order; a grade left over means the orders differ. */
    private void read(ResultSet candidateRows, ResultSet gradeRows, Consumer<CandidateDossier> each) throws SQLException {
        boolean gradePending = gradeRows.next();
        while (candidateRows.next()) {
            Object id = candidateRows.getObject(ID);
            Candidate candidate = new Candidate(candidateRows.getString(NUMBER), candidateRows.getString(LAST_NAME),
                    candidateRows.getString(FIRST_NAME), candidateRows.getString(VOIE), candidateRows.getString(FORME),
                    read(candidateRows.getString(EPREUVES), codes, "stored épreuve list unreadable"));
            while (gradePending && id.equals(gradeRows.getObject(CANDIDATE_ID))) {
                grade(gradeRows, candidate);
                gradePending = gradeRows.next();
            }
            each.accept(candidate.dossier());
        }
        if (gradePending) {
            throw new IllegalStateException("a grade of the session was not read with its candidate: " + gradeRows.getObject(CANDIDATE_ID));
        }
    }

    private void grade(ResultSet rows, Candidate candidate) throws SQLException {
        String epreuve = rows.getString(EPREUVE);
        String situations = rows.getString(SITUATIONS);
        candidate.evaluations.put(epreuve, new Evaluation(StatutNote.valueOf(rows.getString(STATUT)), rows.getBigDecimal(NOTE),
                situations == null ? null : read(situations, marks, "stored situation marks unreadable")));
        BigDecimal adjusted = rows.getBigDecimal(ADJUSTED);
        if (adjusted != null) {
            candidate.adjustments.put(epreuve, new Adjustment(adjusted, rows.getString(MOTIF), rows.getString(AUTEUR)));
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
                    Set.copyOf(epreuves), evaluations, adjustments));
        }
    }

    private static <T> T read(String json, ObjectReader reader, String failure) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(failure, e);
        }
    }
}
