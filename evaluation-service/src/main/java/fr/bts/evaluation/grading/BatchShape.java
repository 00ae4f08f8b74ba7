package fr.bts.evaluation.grading;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.Problem.Violation;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemMappers;
import fr.bts.commons.problem.ProblemType;
import fr.bts.evaluation.api.GradeDtos.Batch;
import fr.bts.evaluation.api.GradeDtos.BatchItem;

import jakarta.validation.constraints.Size;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The constraints a grade batch body declares ({@link Batch}, {@link BatchItem}: required fields, lengths, the grid's
 * size), checked in one pass over the items instead of bean validation walking each of up to 500 nested objects
 * (issue 16). The answer is the one bean validation gives through commons {@link ProblemMappers}: every violation, on
 * the same field ({@code grades[3].epreuve}), with the same message and rejected value, sorted by field. The
 * annotations stay on the records: they are what the OpenAPI document shows, and {@code BatchShapeTest} holds this class
 * to the answer of a validator reading them.
 */
public final class BatchShape {

    // The limits are the records' own annotations, read once: one place states them.
    private static final int CANDIDATE_MAX = declaredMax("candidate").max();
    private static final int EPREUVE_MAX = declaredMax("epreuve").max();
    private static final int GRID_MAX = declaredMax("grille").max();
    private static final int GRID_TEXT_MAX = gridTextMax();
    private static final int COMMENT_MAX = declaredMax("commentaire").max();

    private BatchShape() {
    }

    /** Throws the 422 listing every field of {@code batch} that breaks its declared constraints; returns when none does. */
    public static void require(Batch batch) {
        List<Violation> violations = check(batch);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, violations.size() == 1 ? "1 field is invalid"
                    : violations.size() + " fields are invalid", violations));
        }
    }

    /** The violations of {@code batch}, sorted by field. */
    public static List<Violation> check(Batch batch) {
        List<Violation> out = new ArrayList<>();
        List<BatchItem> items = batch.grades();
        if (items == null) {
            out.add(new Violation("grades", "must not be null"));
            return out;
        }
        if (items.isEmpty()) {
            out.add(new Violation("grades", "size must be between 1 and " + Integer.MAX_VALUE));
        }
        for (int i = 0; i < items.size(); i++) {
            item(items.get(i), "grades[" + i + "]", out);
        }
        out.sort(Comparator.comparing(Violation::field));
        return out;
    }

    private static void item(BatchItem item, String field, List<Violation> out) {
        if (item == null) {
            out.add(new Violation(field, "must not be null"));
            return;
        }
        text(item.candidate(), CANDIDATE_MAX, field + ".candidate", out);
        text(item.epreuve(), EPREUVE_MAX, field + ".epreuve", out);
        if (item.statut() == null) {
            out.add(new Violation(field + ".statut", "must not be null"));
        }
        grid(item.grille(), field + ".grille", out);
        if (item.commentaire() != null && item.commentaire().length() > COMMENT_MAX) {
            out.add(size(field + ".commentaire", COMMENT_MAX, item.commentaire()));
        }
    }

    /** {@code @NotBlank @Size(max)}: a blank text breaks the first only, a long one the second. */
    private static void text(String value, int max, String field, List<Violation> out) {
        if (value == null || value.trim().isEmpty()) {
            out.add(new Violation(field, "must not be blank", ProblemMappers.safeValue(value)));
        } else if (value.length() > max) {
            out.add(size(field, max, value));
        }
    }

    /** At most {@link #GRID_MAX} criteria, each key and value a text of at most {@link #GRID_TEXT_MAX}, all on the grid's field. */
    private static void grid(Map<String, String> grid, String field, List<Violation> out) {
        if (grid == null) {
            return;
        }
        if (grid.size() > GRID_MAX) {
            out.add(new Violation(field, "size must be between 0 and " + GRID_MAX));
        }
        for (Map.Entry<String, String> criterion : grid.entrySet()) {
            text(criterion.getKey(), GRID_TEXT_MAX, field, out);
            text(criterion.getValue(), GRID_TEXT_MAX, field, out);
        }
    }

    private static Size declaredMax(String component) {
        try {
            Size size = BatchItem.class.getMethod(component).getAnnotation(Size.class);
            if (size == null) {
                throw new IllegalStateException("BatchItem." + component + " declares no @Size");
            }
            return size;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("BatchItem has no component " + component, e);
        }
    }

    /** The {@code @Size} of the grid's keys, which must be that of its values too (one message for both). */
    private static int gridTextMax() {
        try {
            AnnotatedType[] keyAndValue = ((AnnotatedParameterizedType) BatchItem.class.getMethod("grille").getAnnotatedReturnType())
                    .getAnnotatedActualTypeArguments();
            int key = keyAndValue[0].getAnnotation(Size.class).max();
            if (key != keyAndValue[1].getAnnotation(Size.class).max()) {
                throw new IllegalStateException("BatchItem.grille's keys and values must declare the same @Size");
            }
            return key;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("BatchItem has no component grille", e);
        }
    }

    private static Violation size(String field, int max, String value) {
        return new Violation(field, "size must be between 0 and " + max, ProblemMappers.safeValue(value));
    }
}
