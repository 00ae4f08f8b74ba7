package fr.bts.evaluation.grading;

import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.api.GradeDtos.Outcome;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** What a grade holds: how an input is written into it, when an input changes nothing, and its audit record. */
public final class GradeContent {

    private GradeContent() {
    }

    /** A new grade of {@code candidateId} at {@code epreuve}, at version 0. */
    public static Grade newGrade(UUID sessionId, UUID candidateId, String epreuve, GradeInput input, String grader, Instant at) {
        return newGrade(UUID.randomUUID(), sessionId, candidateId, epreuve, input, grader, at);
    }

    /** A new grade whose id is {@code id} (a batch draws its ids at once: {@link RandomIds}). */
    public static Grade newGrade(UUID id, UUID sessionId, UUID candidateId, String epreuve, GradeInput input, String grader, Instant at) {
        Grade grade = new Grade();
        grade.id = id;
        grade.sessionId = sessionId;
        grade.candidateId = candidateId;
        grade.epreuve = epreuve;
        apply(grade, input, grader, at);
        return grade;
    }

    /** Writes {@code input} into {@code grade}: marks at scale 2, an absent origin as COMMISSION, empty maps as none. */
    public static void apply(Grade grade, GradeInput input, String grader, Instant at) {
        grade.statut = input.statut();
        grade.note = input.note() == null ? null : input.note().setScale(2);
        grade.situations = input.situations() == null || input.situations().isEmpty() ? null : new LinkedHashMap<>(input.situations());
        grade.origine = origineOf(input);
        grade.grille = input.grille() == null || input.grille().isEmpty() ? null : new LinkedHashMap<>(input.grille());
        grade.commentaire = input.commentaire();
        grade.grader = grader;
        grade.gradedAt = at;
    }

    /** Whether {@code input} would store what {@code grade} holds (marks compared by value, empty maps as none). */
    public static boolean same(Grade grade, GradeInput input) {
        return grade.statut == input.statut()
                && sameMark(grade.note, input.note())
                && sameMarks(grade.situations, input.situations())
                && origineOf(input) == grade.origine
                && Objects.equals(emptyToNull(grade.grille), emptyToNull(input.grille()))
                && Objects.equals(grade.commentaire, input.commentaire());
    }

    /** The audit record of a written grade; {@code outcome} is given for batch items. */
    public static Map<String, Object> auditItem(String candidate, Grade grade, Outcome outcome) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("candidate", candidate);
        item.put("epreuve", grade.epreuve);
        item.put("statut", grade.statut);
        item.put("note", grade.note);
        item.put("situations", grade.situations);
        item.put("origine", grade.origine);
        item.put("version", grade.version);
        if (outcome != null) {
            item.put("outcome", outcome);
        }
        return item;
    }

    private static Origine origineOf(GradeInput input) {
        return input.origine() == null ? Origine.COMMISSION : input.origine();
    }

    private static boolean sameMark(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static boolean sameMarks(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        Map<String, BigDecimal> x = a == null ? Map.of() : a;
        Map<String, BigDecimal> y = b == null ? Map.of() : b;
        return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> sameMark(x.get(k), y.get(k)));
    }

    private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
