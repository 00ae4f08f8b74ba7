package fr.bts.dossier.conformity;

import java.util.List;

/**
 * The dossier requirements of one épreuve as the referential publishes them ({@code epreuves[].exigencesDossier}
 * in docs/contracts.md): the pieces, the context elements, the kinds of fiche with their fields and flags, and
 * the rules. Data only: {@link ConformityEngine} knows each rule type, never a diploma.
 */
public record ExigencesDossier(String consequenceAbsence, String controleConformitePar, List<Piece> pieces,
                               List<ElementContexte> elementsContexte, List<TypeFiche> typesFiche, List<Regle> regles) {

    public ExigencesDossier {
        pieces = pieces == null ? List.of() : List.copyOf(pieces);
        elementsContexte = elementsContexte == null ? List.of() : List.copyOf(elementsContexte);
        typesFiche = typesFiche == null ? List.of() : List.copyOf(typesFiche);
        regles = regles == null ? List.of() : List.copyOf(regles);
    }

    /** Whether a missing dossier makes the épreuve NV (SAM E4/E5 « la mention NV … est alors reportée »). */
    public boolean absenceIsNv() {
        return "NV".equals(consequenceAbsence);
    }

    public record Piece(String code, String libelle, boolean obligatoire) {
    }

    public record ElementContexte(String code, String libelle) {
    }

    public record Champ(String code, String libelle) {
    }

    public record Drapeau(String code, String libelle) {
    }

    public record TypeFiche(String code, String libelle, List<Champ> champs, List<Drapeau> drapeaux) {
        public TypeFiche {
            champs = champs == null ? List.of() : List.copyOf(champs);
            drapeaux = drapeaux == null ? List.of() : List.copyOf(drapeaux);
        }
    }

    /**
     * One rule. Which attributes matter depends on {@code type} (see docs/contracts.md, "Dossier requirements");
     * {@code typeFiche} and {@code typesFiche} are both accepted wherever a rule is about kinds of fiche.
     */
    public record Regle(String code, String type, String typeFiche, List<String> typesFiche, List<String> activites,
                        Integer min, Integer max, Boolean exactementUneFois, String drapeau, String piece,
                        String domaine, String versTypeFiche, Consequence consequence, String message, String source) {

        public Regle {
            typesFiche = typesFiche == null ? List.of() : List.copyOf(typesFiche);
            activites = activites == null ? List.of() : List.copyOf(activites);
            consequence = consequence == null ? Consequence.NON_CONFORME : consequence;
        }

        /** The kinds of fiche the rule is about: {@code typesFiche}, else the single {@code typeFiche}. */
        public List<String> kinds() {
            if (!typesFiche.isEmpty()) {
                return typesFiche;
            }
            return typeFiche == null ? List.of() : List.of(typeFiche);
        }
    }
}
