package fr.bts.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's professional dossier written from the épreuve's requirements as the referential publishes them
 * ({@code epreuves[].exigencesDossier}, docs/contracts.md), not from knowledge of SAM: as many fiches of each kind
 * as its NOMBRE_FICHES rule asks, the activities of COUVERTURE_ACTIVITES spread one per fiche, the flags of
 * FICHES_AVEC_DRAPEAU on as many fiches as required, every field and context element filled, LIEN_FICHES links
 * set, and the compulsory pieces to upload.
 */
record ProfessionalDossier(String epreuve, List<Map<String, Object>> fiches, Map<String, String> elementsContexte,
                           List<String> pieces) {

    /** The complete dossier that every rule of {@code exigences} accepts. */
    static ProfessionalDossier complete(String epreuve, JsonNode exigences) {
        Map<String, List<Map<String, Object>>> byKind = new LinkedHashMap<>();
        for (JsonNode kind : exigences.path("typesFiche")) {
            String code = kind.path("code").asText();
            List<Map<String, Object>> fiches = new ArrayList<>();
            for (int i = 1; i <= countOf(exigences, code); i++) {
                Map<String, Object> fiche = new LinkedHashMap<>();
                fiche.put("id", code + "-" + i);
                fiche.put("type", code);
                fiche.put("activites", new ArrayList<String>());
                fiche.put("drapeaux", new ArrayList<String>());
                Map<String, String> champs = new LinkedHashMap<>();
                for (JsonNode champ : kind.path("champs")) {
                    champs.put(champ.path("code").asText(), "Démo e2e — " + champ.path("libelle").asText());
                }
                fiche.put("champs", champs);
                fiches.add(fiche);
            }
            byKind.put(code, fiches);
        }
        for (JsonNode rule : exigences.path("regles")) {
            switch (rule.path("type").asText()) {
                case "COUVERTURE_ACTIVITES" -> spreadActivities(byKind, rule);
                case "FICHES_AVEC_DRAPEAU" -> byKind.getOrDefault(rule.path("typeFiche").asText(), List.of()).stream()
                        .limit(rule.path("min").asInt(1))
                        .forEach(f -> drapeaux(f).add(rule.path("drapeau").asText()));
                case "LIEN_FICHES" -> {
                    List<Map<String, Object>> targets = byKind.getOrDefault(rule.path("versTypeFiche").asText(), List.of());
                    byKind.getOrDefault(rule.path("typeFiche").asText(), List.of())
                            .forEach(f -> f.put("lien", targets.get(0).get("id")));
                }
                default -> {
                }
            }
        }
        Map<String, String> contexte = new LinkedHashMap<>();
        for (JsonNode element : exigences.path("elementsContexte")) {
            contexte.put(element.path("code").asText(), "Démo e2e — " + element.path("libelle").asText());
        }
        List<String> pieces = new ArrayList<>();
        for (JsonNode piece : exigences.path("pieces")) {
            if (piece.path("obligatoire").asBoolean(true)) {
                pieces.add(piece.path("code").asText());
            }
        }
        return new ProfessionalDossier(epreuve, byKind.values().stream().flatMap(List::stream).toList(), contexte, pieces);
    }

    /** A draft that stops halfway: only the first fiche, no piece (the conformity check must say so). */
    ProfessionalDossier firstFicheOnly() {
        return new ProfessionalDossier(epreuve, fiches.subList(0, 1), elementsContexte, List.of());
    }

    /** The body of {@code PUT /dossiers/{id}/epreuves/{epreuve}}. */
    Map<String, Object> edit() {
        return Map.of("fiches", fiches, "elementsContexte", elementsContexte);
    }

    private static int countOf(JsonNode exigences, String kind) {
        for (JsonNode rule : exigences.path("regles")) {
            if ("NOMBRE_FICHES".equals(rule.path("type").asText()) && kind.equals(rule.path("typeFiche").asText())) {
                return rule.path("min").asInt(1);
            }
        }
        return 1;
    }

    private static void spreadActivities(Map<String, List<Map<String, Object>>> byKind, JsonNode rule) {
        List<Map<String, Object>> fiches = new ArrayList<>();
        rule.path("typesFiche").forEach(kind -> fiches.addAll(byKind.getOrDefault(kind.asText(), List.of())));
        JsonNode activites = rule.path("activites");
        for (int i = 0; i < activites.size() && !fiches.isEmpty(); i++) {
            activites(fiches.get(i % fiches.size())).add(activites.get(i).asText());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> activites(Map<String, Object> fiche) {
        return (List<String>) fiche.get("activites");
    }

    @SuppressWarnings("unchecked")
    private static List<String> drapeaux(Map<String, Object> fiche) {
        return (List<String>) fiche.get("drapeaux");
    }
}
