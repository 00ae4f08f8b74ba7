package fr.bts.dossier.service;

import fr.bts.commons.csv.CsvWriter;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.model.CategorieCandidat;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.FormeInscription;
import fr.bts.dossier.model.Langue;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The CSV form of registrations, for imports and exports. One row per registration, header required, columns in
 * any order; lists are separated by {@code |}, pairs by {@code :}:
 * {@code unites=U1|U21}, {@code langues=U21:ANGLAIS|U22:ESPAGNOL}, {@code dispenses=U1:BTS Comptabilité et gestion},
 * {@code benefices=U3:12.5:2025:2025-07-04}.
 */
public final class RegistrationCsv {

    public static final List<String> COLUMNS = List.of("session", "certification", "referentialVersion", "candidateNumber",
            "ine", "lastName", "firstName", "birthDate", "email", "account", "categorie", "voie", "forme", "unites",
            "unitesFacultatives", "langues", "dispenses", "benefices");
    private static final Set<String> REQUIRED = Set.of("session", "certification", "candidateNumber", "lastName",
            "firstName", "birthDate", "email", "account", "categorie", "voie", "forme");

    private RegistrationCsv() {
    }

    /** A parsed row: its input, or the reasons it could not be read. */
    public record Row(int line, String candidateNumber, RegistrationInput input, List<Problem.Violation> errors) {
    }

    public static List<Row> parse(String text) {
        List<Csv.Record> records = Csv.parse(text);
        if (records.isEmpty()) {
            throw ProblemException.badRequest("The CSV has no header row");
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                throw ProblemException.badRequest("Unknown CSV column '" + column + "'; columns are " + COLUMNS);
            }
            if (!seen.add(column)) {
                throw ProblemException.badRequest("CSV column '" + column + "' appears twice");
            }
        }
        if (!seen.containsAll(REQUIRED)) {
            Set<String> missing = new HashSet<>(REQUIRED);
            missing.removeAll(seen);
            throw ProblemException.badRequest("Missing CSV columns " + missing);
        }
        List<Row> rows = new ArrayList<>();
        for (Csv.Record record : records.subList(1, records.size())) {
            if (record.fields().size() != header.size()) {
                throw ProblemException.badRequest("CSV line " + record.line() + " has " + record.fields().size()
                        + " fields; the header has " + header.size());
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String v = record.fields().get(i).strip();
                cells.put(header.get(i), v.isEmpty() ? null : v);
            }
            rows.add(row(record.line(), cells));
        }
        return rows;
    }

    private static Row row(int line, Map<String, String> c) {
        List<Problem.Violation> errors = new ArrayList<>();
        Integer version = convert(c, "referentialVersion", Integer::valueOf, "must be a whole number", errors);
        LocalDate birth = convert(c, "birthDate", LocalDate::parse, "must be a date yyyy-mm-dd", errors);
        CategorieCandidat categorie = convert(c, "categorie", CategorieCandidat::valueOf, "must be one of CAT_A, CAT_B, CAT_C", errors);
        FormeInscription forme = convert(c, "forme", FormeInscription::valueOf, "must be GLOBALE or PROGRESSIVE", errors);
        Map<String, Langue> langues = new LinkedHashMap<>();
        for (String pair : list(c.get("langues"))) {
            String[] kv = pair.split(":", 2);
            try {
                if (kv.length != 2 || langues.put(kv[0].strip(), Langue.valueOf(kv[1].strip())) != null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.Violation("langues", "must be UNIT:LANGUE pairs, e.g. U21:ANGLAIS, each unit once", pair));
            }
        }
        List<RegistrationInput.DispenseInput> dispenses = new ArrayList<>();
        for (String pair : list(c.get("dispenses"))) {
            String[] kv = pair.split(":", 2);
            if (kv.length != 2) {
                errors.add(new Problem.Violation("dispenses", "must be UNIT:diploma", pair));
            } else {
                dispenses.add(new RegistrationInput.DispenseInput(kv[0].strip(), kv[1].strip()));
            }
        }
        List<RegistrationInput.BeneficeInput> benefices = new ArrayList<>();
        for (String item : list(c.get("benefices"))) {
            String[] parts = item.split(":");
            try {
                if (parts.length != 4) {
                    throw new IllegalArgumentException();
                }
                benefices.add(new RegistrationInput.BeneficeInput(parts[0].strip(), parts[1].strip(), parts[2].strip(),
                        LocalDate.parse(parts[3].strip())));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.add(new Problem.Violation("benefices", "must be UNIT:grade:session:yyyy-mm-dd", item));
            }
        }
        RegistrationInput input = errors.isEmpty() ? new RegistrationInput(c.get("session"), c.get("certification"), version,
                c.get("candidateNumber"), c.get("ine"), c.get("lastName"), c.get("firstName"), birth, c.get("email"),
                c.get("account"), categorie, c.get("voie"), forme, list(c.get("unites")), list(c.get("unitesFacultatives")),
                langues, dispenses, benefices) : null;
        return new Row(line, c.get("candidateNumber"), input, errors);
    }

    private static <T> T convert(Map<String, String> cells, String column, Function<String, T> parser, String message,
                                 List<Problem.Violation> errors) {
        String raw = cells.get(column);
        if (raw == null) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            errors.add(new Problem.Violation(column, message, raw.length() > 100 ? raw.substring(0, 100) : raw));
            return null;
        }
    }

    private static List<String> list(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    public static String line(DossierCandidat d) {
        List<String> cells = List.of(d.session, d.certification, String.valueOf(d.referentialVersion), d.candidateNumber,
                nz(d.ine), d.lastName, d.firstName, String.valueOf(d.birthDate), d.email, d.account, d.categorie.name(), d.voie,
                d.forme.name(), String.join("|", d.unites), String.join("|", d.unitesFacultatives),
                String.join("|", d.langues.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList()),
                String.join("|", d.dispenses.stream().map(x -> x.unite + ":" + x.diplome).toList()),
                String.join("|", d.benefices.stream().map(b -> b.unite + ":" + b.note + ":" + b.session + ":" + b.dateObtention).toList()));
        return CsvWriter.comma("\r\n").row(cells).toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
