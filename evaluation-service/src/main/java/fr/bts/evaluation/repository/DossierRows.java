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
import org.postgresql.PGStatement;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Rows per round trip of each cursor: 50,000 grades of a large session come in ten. */
    private static final int FETCH_SIZE = 5000;

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
                // server-prepared from the first run, so that ids and marks come in binary: no text to write and parse for
                // the candidate id and the mark of each of the grades
                candidates.unwrap(PGStatement.class).setPrepareThreshold(-1);
                grades.unwrap(PGStatement.class).setPrepareThreshold(-1);
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
        // the registered épreuves are the same list for most candidates: each distinct list is read once
        Map<String, Set<String>> inscrites = new HashMap<>();
        Rows rows = new Rows();
        boolean gradePending = gradeRows.next();
        while (candidateRows.next()) {
            Object id = candidateRows.getObject(ID);
            rows.clear();
            while (gradePending && id.equals(gradeRows.getObject(CANDIDATE_ID))) {
                grade(gradeRows, rows);
                gradePending = gradeRows.next();
            }
            String number = candidateRows.getString(NUMBER);
            Set<String> epreuves = inscrites.computeIfAbsent(candidateRows.getString(EPREUVES),
                    json -> Set.copyOf(read(json, codes, "stored épreuve list unreadable")));
            each.accept(new CandidateDossier(number, candidateRows.getString(LAST_NAME), candidateRows.getString(FIRST_NAME),
                    new DossierCandidat(number, candidateRows.getString(VOIE), FormeInscription.valueOf(candidateRows.getString(FORME)),
                            epreuves, rows.evaluations(), rows.adjustments())));
        }
        if (gradePending) {
            throw new IllegalStateException("a grade of the session was not read with its candidate: " + gradeRows.getObject(CANDIDATE_ID));
        }
    }

    private void grade(ResultSet rows, Rows candidate) throws SQLException {
        String epreuve = rows.getString(EPREUVE);
        String situations = rows.getString(SITUATIONS);
        candidate.evaluation(epreuve, new Evaluation(StatutNote.valueOf(rows.getString(STATUT)), rows.getBigDecimal(NOTE),
                situations == null ? null : read(situations, marks, "stored situation marks unreadable")));
        BigDecimal adjusted = rows.getBigDecimal(ADJUSTED);
        if (adjusted != null) {
            candidate.adjustment(epreuve, new Adjustment(adjusted, rows.getString(MOTIF), rows.getString(AUTEUR)));
        }
    }

    /**
     * The grade rows of the candidate being read, gathered as entries and made into the dossier's immutable maps
     * directly (uq_grade and uq_adjustment: one entry per épreuve), without a mutable map to copy; reused from one
     * candidate to the next.
     */
    @SuppressWarnings("unchecked")
    private static final class Rows {
        private Map.Entry<String, Evaluation>[] evaluations = new Map.Entry[16];
        private int evaluationCount;
        private Map.Entry<String, Adjustment>[] adjustments = new Map.Entry[4];
        private int adjustmentCount;

        void clear() {
            evaluationCount = 0;
            adjustmentCount = 0;
        }

        void evaluation(String epreuve, Evaluation evaluation) {
            if (evaluationCount == evaluations.length) {
                evaluations = Arrays.copyOf(evaluations, evaluationCount * 2);
            }
            evaluations[evaluationCount++] = Map.entry(epreuve, evaluation);
        }

        void adjustment(String epreuve, Adjustment adjustment) {
            if (adjustmentCount == adjustments.length) {
                adjustments = Arrays.copyOf(adjustments, adjustmentCount * 2);
            }
            adjustments[adjustmentCount++] = Map.entry(epreuve, adjustment);
        }

        Map<String, Evaluation> evaluations() {
            return Map.ofEntries(Arrays.copyOf(evaluations, evaluationCount));
        }

        Map<String, Adjustment> adjustments() {
            return adjustmentCount == 0 ? Map.of() : Map.ofEntries(Arrays.copyOf(adjustments, adjustmentCount));
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
