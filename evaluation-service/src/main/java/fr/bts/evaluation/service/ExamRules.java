package fr.bts.evaluation.service;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.SituationExamen;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the exam rules out of a referential version document (docs/contracts.md) and says what is missing
 * for a session to be run on it: every compulsory unit needs a gradable épreuve with a coefficient, and the
 * result rules need a threshold and whether it is inclusive. A gradable épreuve is one that carries a unit
 * (a parent such as SAM E2 only groups E21 and E22).
 */
public final class ExamRules {

    public record Extraction(ReglesExamen regles, List<String> missing) {
    }

    private ExamRules() {
    }

    public static Extraction from(JsonNode version) {
        List<String> missing = new ArrayList<>();
        List<EpreuveExamen> epreuves = new ArrayList<>();
        for (JsonNode e : version.path("epreuves")) {
            String unite = text(e, "unite");
            if (unite == null) {
                continue;
            }
            boolean facultative = e.path("facultative").asBoolean(false);
            BigDecimal coefficient = decimal(e, "coefficient");
            String code = text(e, "code");
            if (!facultative && coefficient == null) {
                missing.add("épreuve " + code + " (" + unite + ") : coefficient manquant");
            }
            List<SituationExamen> situations = new ArrayList<>();
            for (JsonNode s : e.path("situations")) {
                situations.add(new SituationExamen(text(s, "code"), decimal(s, "points")));
            }
            epreuves.add(new EpreuveExamen(code, unite, text(e, "intitule"), coefficient, facultative, decimal(e, "noteSur"), situations));
        }
        for (JsonNode u : version.path("unites")) {
            String unite = text(u, "code");
            boolean facultative = u.path("facultative").asBoolean(false);
            if (!facultative && epreuves.stream().noneMatch(e -> unite.equals(e.unite()))) {
                missing.add("unité " + unite + " : aucune épreuve");
            }
        }
        if (epreuves.stream().noneMatch(e -> !e.facultative())) {
            missing.add("aucune épreuve obligatoire");
        }
        Map<String, List<String>> blocs = new LinkedHashMap<>();
        for (JsonNode b : version.path("blocs")) {
            List<String> unites = new ArrayList<>();
            b.path("unites").forEach(u -> unites.add(u.asText()));
            blocs.put(text(b, "code"), unites);
        }
        JsonNode regles = version.path("reglesResultat");
        BigDecimal seuil = decimal(regles, "seuil");
        if (seuil == null) {
            missing.add("reglesResultat.seuil manquant");
        }
        if (!regles.path("seuilInclusif").isBoolean()) {
            missing.add("reglesResultat.seuilInclusif manquant");
        }
        if (!missing.isEmpty()) {
            return new Extraction(null, missing);
        }
        return new Extraction(new ReglesExamen(epreuves, blocs, seuil, regles.path("seuilInclusif").asBoolean(),
                decimal(regles, "coefficientFacultatifParDefaut"), null), List.of());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
    }
}
