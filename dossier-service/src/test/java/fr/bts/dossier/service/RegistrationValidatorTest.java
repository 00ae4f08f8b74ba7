package fr.bts.dossier.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.problem.Problem.Violation;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.client.ReferentialVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One row per rule of {@link RegistrationValidator}, each citing its source, on the referential's real SAM seed
 * (referential-service/src/main/resources/seed/bts-sam.json, [S002]): a valid registration (forme globale, English
 * and Spanish, Italian as the facultative language, U1 dispensed, U3 kept) is changed in one point, and exactly the
 * fields that point breaks are refused, with the rule's message. Rules on the version's own offer (categories,
 * access routes) change the version instead.
 */
class RegistrationValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Path SAM_SEED = Path.of("..", "referential-service", "src", "main", "resources", "seed", "bts-sam.json");

    record Row(String rule, Consumer<ObjectNode> version, Consumer<Map<String, Object>> registration, Set<String> fields,
               String message) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // Règlement d'examen ([S002] Annexe II.C): the candidate categories are the version's columns.
                version("category not offered by the version", v -> remove((ArrayNode) v.get("categoriesCandidats"), "CAT_A"),
                        "categorie", "is not a candidate category"),
                // [S002] Annexe II.C: the access routes of the version; one marked closed is refused like an unknown one.
                version("access route closed in the version", v -> route(v, "ELEVE_ETUDIANT").put("ouverte", false),
                        "voie", "is not an open access route"),
                registration("access route unknown", r -> r.put("voie", "PAR_CORRESPONDANCE"), "voie", "is not an open access route"),
                // [S002] Annexe II.C: compulsory units U1…U6, facultative UF1 and UF2.
                registration("a listed unit must be a compulsory unit", r -> r.put("unites", allCompulsoryAnd("UF2")),
                        "unites[7]", "is not a compulsory unit"),
                registration("a unit is listed once", r -> r.put("unites", allCompulsoryAnd("U3")), "unites[7]", "is listed twice"),
                // Arrêté Art. 5 (forme globale): every compulsory unit in one session.
                registration("forme GLOBALE lists every compulsory unit or none", r -> r.put("unites", List.of("U1", "U21", "U22")),
                        "unites", "forme GLOBALE takes every compulsory unit"),
                // Arrêté Art. 5 (forme progressive): the candidate chooses the units of the session.
                registration("forme PROGRESSIVE names its units", r -> progressive(r, List.of()), "unites",
                        "forme PROGRESSIVE names the units"),
                registration("a facultative unit must be one of the version", r -> noFacultative(r).put("unitesFacultatives", List.of("U4")),
                        "unitesFacultatives[0]", "is not a facultative unit"),
                // R12 ([S002] Annexe II.B): dispenses only of U1, U21/U22, U3, at the candidate's request.
                registration("R12 a dispense names a unit of the version", r -> r.put("dispenses", List.of(dispense("U9"))),
                        "dispenses[0].unite", "is not a unit of"),
                registration("R12 only a dispensable unit is dispensed", r -> r.put("dispenses", List.of(dispense("U4"))),
                        "dispenses[0].unite", "cannot be dispensed"),
                registration("R12 a unit is dispensed once", r -> r.put("dispenses", List.of(dispense("U1"), dispense("U1"))),
                        "dispenses[1].unite", "is dispensed twice"),
                registration("R12 a dispensed unit is not taken in forme PROGRESSIVE", r -> progressive(r, List.of("U1", "U4")),
                        "unites[0]", "is dispensed"),
                // R9 ([S002] Art. 8): only marks ≥ 10/20, kept on request, obtained before the session.
                registration("R9 a bénéfice names a unit of the version", r -> r.put("benefices", List.of(benefice("U9", "12", "2025"))),
                        "benefices[0].unite", "is not a unit of"),
                registration("R9 a unit is dispensed or kept, not both", r -> r.put("benefices", List.of(benefice("U1", "12", "2025"))),
                        "benefices[0].unite", "is also dispensed"),
                registration("R9 a unit is kept once", r -> r.put("benefices", List.of(benefice("U3", "12", "2025"), benefice("U3", "13", "2024"))),
                        "benefices[1].unite", "is kept twice"),
                registration("R9 only a mark of at least 10/20 is kept", r -> r.put("benefices", List.of(benefice("U3", "9.5", "2025"))),
                        "benefices[0].note", "at least 10/20"),
                registration("R9 a mark is at most 20", r -> r.put("benefices", List.of(benefice("U3", "20.5", "2025"))),
                        "benefices[0].note", "at most 20"),
                registration("R9 a kept mark comes from an earlier session", r -> r.put("benefices", List.of(benefice("U3", "12", "2026"))),
                        "benefices[0].session", "earlier session"),
                registration("R9 a mark is obtained in its session, not after", r -> r.put("benefices",
                        List.of(Map.of("unite", "U3", "note", "12", "session", "2024", "dateObtention", "2025-07-04"))),
                        "benefices[0].dateObtention", "is after the session"),
                registration("R9 a kept unit is not taken again in forme PROGRESSIVE", r -> progressive(r, List.of("U3", "U4")),
                        "benefices[0].unite", "is kept"),
                // R21 ([S002] Annexe II.C): LVE A (U21) and B (U22), one of them English; LVE C (UF1) different; the 10 listed languages.
                registration("R21 a language is chosen for a language unit only", r -> langues(r).put("U4", "ANGLAIS"),
                        "langues.U4", "is not a language unit"),
                version("R21 only a language the version lists", v -> remove((ArrayNode) v.at("/langues/autorisees"), "ITALIEN"),
                        "langues.UF1", "is not an allowed language"),
                registration("R21 no language for a facultative unit not taken", r -> r.put("unitesFacultatives", List.of()),
                        "langues.UF1", "facultative unit that is not taken"),
                registration("R21 no language for a unit not taken this session", r -> progressive(r, List.of("U21")).put("langues",
                        new HashMap<>(Map.of("U21", "ANGLAIS", "U22", "ESPAGNOL"))), "langues.U22", "a unit not taken"),
                registration("R21 a language is chosen for each compulsory language unit taken", r -> langues(r).remove("U22"),
                        "langues.U22", "a language must be chosen"),
                registration("R21 the compulsory languages differ", r -> langues(r).put("U22", "ANGLAIS"),
                        "langues", "must differ"),
                registration("R21 English is one of LVE A and B", r -> langues(r).put("U21", "ALLEMAND"),
                        "langues", "must be ANGLAIS"),
                registration("R21 the facultative language differs from the compulsory ones", r -> langues(r).put("UF1", "ESPAGNOL"),
                        "langues.UF1", "facultative language must differ"));
    }

    @Test
    void theValidSamRegistrationFitsTheSeed() throws IOException {
        assertEquals(List.of(), RegistrationValidator.validate(input(sam()), seed(v -> { })));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void eachRuleRefusesExactlyWhatItBreaks(Row row) throws IOException {
        Map<String, Object> registration = sam();
        row.registration().accept(registration);

        List<Violation> violations = RegistrationValidator.validate(input(registration), seed(row.version()));

        assertEquals(row.fields(), violations.stream().map(Violation::field).collect(Collectors.toSet()),
                () -> row.rule() + ": " + violations);
        assertTrue(violations.stream().allMatch(v -> v.message().contains(row.message())), () -> row.rule() + ": " + violations);
    }

    private static Row version(String rule, Consumer<ObjectNode> change, String field, String message) {
        return new Row(rule, change, r -> { }, Set.of(field), message);
    }

    private static Row registration(String rule, Consumer<Map<String, Object>> change, String field, String message) {
        return new Row(rule, v -> { }, change, Set.of(field), message);
    }

    /** The registration of the resource tests' fixture: SAM 2026, forme globale. */
    private static Map<String, Object> sam() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("session", "2026");
        r.put("certification", "BTS-SAM");
        r.put("referentialVersion", 1);
        r.put("candidateNumber", "VER-2026-00001");
        r.put("lastName", "Martin");
        r.put("firstName", "Léa");
        r.put("birthDate", "2005-03-01");
        r.put("email", "lea.martin@example.org");
        r.put("account", "candidat-versailles");
        r.put("categorie", "CAT_A");
        r.put("voie", "ELEVE_ETUDIANT");
        r.put("forme", "GLOBALE");
        r.put("unitesFacultatives", List.of("UF1"));
        r.put("langues", new HashMap<>(Map.of("U21", "ANGLAIS", "U22", "ESPAGNOL", "UF1", "ITALIEN")));
        r.put("dispenses", List.of(dispense("U1")));
        r.put("benefices", List.of(benefice("U3", "12.5", "2025")));
        return r;
    }

    /** Forme progressive taking {@code unites}, with the languages of the compulsory language units dropped. */
    private static Map<String, Object> progressive(Map<String, Object> r, List<String> unites) {
        r.put("forme", "PROGRESSIVE");
        r.put("unites", unites);
        langues(r).remove("U21");
        langues(r).remove("U22");
        return r;
    }

    private static Map<String, Object> noFacultative(Map<String, Object> r) {
        langues(r).remove("UF1");
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> langues(Map<String, Object> r) {
        return (Map<String, Object>) r.get("langues");
    }

    private static List<String> allCompulsoryAnd(String unit) {
        List<String> unites = new ArrayList<>(List.of("U1", "U21", "U22", "U3", "U4", "U5", "U6"));
        unites.add(unit);
        return unites;
    }

    private static Map<String, Object> dispense(String unite) {
        return Map.of("unite", unite, "diplome", "BTS Comptabilité et gestion");
    }

    private static Map<String, Object> benefice(String unite, String note, String session) {
        return Map.of("unite", unite, "note", note, "session", session, "dateObtention", session + "-07-04");
    }

    private static RegistrationInput input(Map<String, Object> registration) {
        return JSON.convertValue(registration, RegistrationInput.class);
    }

    private static ReferentialVersion seed(Consumer<ObjectNode> change) throws IOException {
        ObjectNode version = (ObjectNode) JSON.readTree(SAM_SEED.toFile());
        change.accept(version);
        return JSON.treeToValue(version, ReferentialVersion.class);
    }

    private static ObjectNode route(ObjectNode version, String code) {
        for (var voie : version.get("voiesAcces")) {
            if (voie.get("code").asText().equals(code)) {
                return (ObjectNode) voie;
            }
        }
        throw new IllegalArgumentException("no access route " + code);
    }

    private static void remove(ArrayNode array, String code) {
        for (int i = array.size() - 1; i >= 0; i--) {
            var item = array.get(i);
            if (code.equals(item.isTextual() ? item.asText() : item.path("code").asText())) {
                array.remove(i);
            }
        }
    }
}
