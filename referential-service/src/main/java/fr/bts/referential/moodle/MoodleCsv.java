package fr.bts.referential.moodle;

import fr.bts.commons.csv.CsvWriter;
import fr.bts.referential.document.VersionDocument;
import fr.bts.referential.document.VersionDocument.Bloc;
import fr.bts.referential.document.VersionDocument.Competence;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A version as a Moodle competency framework CSV for {@code tool_lpimportcsv}: its 14 header columns in its
 * order (shared/standards/README.md), one framework row, then each bloc and each competency (parent: its bloc).
 * Blocs leave {@code Parent ID number} empty: Moodle's importer attaches to the framework exactly the rows whose
 * parent is empty ({@code framework_importer::add_children($framework, '')}); a row naming the framework's ID
 * number as its parent would be silently dropped. ID numbers are the referential codes (short, unique, under 100 characters);
 * Export ID is the element's UUID, so a re-import matches. The scale is binary: not yet / acquired.
 */
public final class MoodleCsv {

    public static final List<String> HEADER = List.of("Parent ID number", "ID number", "Short name", "Description",
            "Description format", "Scale values", "Scale configuration", "Rule type", "Rule outcome", "Rule config",
            "Related ID numbers", "Export ID", "Is framework", "Taxonomy");

    static final String SCALE_VALUES = "Non acquis,Acquis";
    static final String SCALE_CONFIGURATION =
            "[{\"scaleid\":\"1\"},{\"id\":1,\"scaledefault\":1,\"proficient\":0},{\"id\":2,\"scaledefault\":0,\"proficient\":1}]";
    /** Moodle's FORMAT_PLAIN. */
    static final String PLAIN = "2";
    private static final int MAX_SHORT = 100;

    private MoodleCsv() {
    }

    public static String frameworkIdNumber(VersionDocument doc) {
        return doc.certification().code() + "-v" + doc.version().number();
    }

    public static String export(VersionDocument doc) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        String framework = frameworkIdNumber(doc);
        String description = doc.certification().rncp() == null ? doc.certification().intitule()
                : doc.certification().rncp() + " — " + doc.certification().intitule();
        rows.add(List.of("", framework, cut(doc.certification().intitule()), description, PLAIN, SCALE_VALUES,
                SCALE_CONFIGURATION, "", "", "", "", doc.certification().id().toString(), "1", "domain,competency"));
        for (Bloc bloc : nonNull(doc.blocs())) {
            String blocDescription = bloc.intitule() + (Boolean.TRUE.equals(bloc.facultatif()) ? " (facultatif)" : "")
                    + (bloc.unites() == null || bloc.unites().isEmpty() ? "" : " — unités " + String.join(", ", bloc.unites()));
            rows.add(List.of("", bloc.code(), cut(bloc.code() + " " + bloc.intitule()), blocDescription, PLAIN,
                    "", "", "", "", "", "", bloc.id().toString(), "", ""));
            for (Competence c : nonNull(bloc.competences())) {
                rows.add(List.of(bloc.code(), c.code(), cut(c.libelle()), competenceDescription(c), PLAIN, "", "", "", "",
                        "", "", c.id().toString(), "", ""));
            }
        }
        return rows.stream().map(MoodleCsv::line).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String competenceDescription(Competence c) {
        StringBuilder s = new StringBuilder(c.libelle());
        if (c.criteres() != null && !c.criteres().isEmpty()) {
            s.append("\nCritères de performance :");
            c.criteres().forEach(cr -> s.append("\n- ").append(cr.libelle()));
        }
        if (c.savoirs() != null && !c.savoirs().isEmpty()) {
            s.append("\nSavoirs associés :");
            c.savoirs().forEach(sa -> s.append("\n- ").append(sa.libelle()));
        }
        return s.toString();
    }

    private static String line(List<String> fields) {
        return fields.stream().map(MoodleCsv::escape).collect(Collectors.joining(","));
    }

    /**
     * One cell through the suite's cell writer ({@link CsvWriter}): quoted as RFC 4180 says, and a cell starting
     * with {@code = + - @}, tab or CR gets a leading {@code '} so that a spreadsheet opening the export shows a
     * title like {@code =HYPERLINK(…)} as text. Moodle's importer ({@code tool_lpimportcsv}) reads cells as they
     * are, so such a title arrives in Moodle with its {@code '}: visible, harmless, and the same rule applied to
     * {@code ID number} and {@code Parent ID number} keeps a competency attached to its bloc (codes never start
     * with those characters anyway). Framework, UUID, scale and flag cells never start with them.
     */
    static String escape(String field) {
        return CsvWriter.cell(field, ',');
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= MAX_SHORT ? s
                : s.substring(0, s.offsetByCodePoints(0, MAX_SHORT - 1)) + "…";
    }

    private static <T> List<T> nonNull(List<T> items) {
        return items == null ? List.of() : items;
    }
}
