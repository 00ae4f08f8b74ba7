package fr.bts.referential.document;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The referential version document of docs/contracts.md: one JSON document holding the whole tree of a
 * certification version. Field order is the contract's and is the order of the canonical JSON. Absent facts
 * are {@code null}, never invented; lists the sources do not give are empty.
 *
 * <p>Seed files and admin uploads are parsed strictly into these records ({@link DocumentJson}): an unknown
 * field is an error, so the contract and the data cannot drift apart silently.
 */
public record VersionDocument(
        CertificationInfo certification,
        VersionInfo version,
        List<CategorieInfo> categoriesCandidats,
        List<VoieAcces> voiesAcces,
        List<Bloc> blocs,
        List<Domaine> domaines,
        List<Unite> unites,
        List<Epreuve> epreuves,
        ReglesResultat reglesResultat,
        Langues langues,
        List<Dispense> dispenses,
        List<Correspondance> correspondances) {

    public record CertificationInfo(UUID id, String code, String rncp, String intitule, String type, String niveau,
                                    String nomenclatureNiveau, String etat, List<CodeLibelle> nsf,
                                    List<CodeLibelle> formacodes, List<CodeLibelle> rome,
                                    List<Certificateur> certificateurs, LocalDate datePublication,
                                    LocalDate dateDebutParcours, LocalDate dateEcheanceEnregistrement,
                                    LocalDate dateDerniereDelivrance, String baseLegale, List<String> arretes,
                                    List<CodeIntitule> certificationsAnterieures) {
    }

    public record CodeLibelle(String code, String libelle) {
    }

    public record CodeIntitule(String code, String intitule) {
    }

    public record Certificateur(String nom, String siret) {
    }

    public record VersionInfo(Integer number, String status, Instant publishedAt, String libelle, List<String> sources) {
    }

    public record CategorieInfo(CategorieCandidat code, String libelle) {
    }

    public record VoieAcces(String code, String libelle, Boolean ouverte) {
    }

    public record Bloc(UUID id, String code, Integer numero, String intitule, Boolean facultatif, List<String> unites,
                       List<Competence> competences) {
    }

    public record Competence(UUID id, String code, Integer ordre, String libelle, List<String> variantes,
                             List<String> activites, String contexte, List<String> donnees, String perimetre,
                             List<Critere> criteres, List<Savoir> savoirs) {
    }

    public record Critere(String famille, String rubrique, String libelle) {
    }

    public record Savoir(String famille, String libelle) {
    }

    public record Domaine(UUID id, String code, Integer numero, String intitule, String description,
                          ConditionsExercice conditionsExercice, List<ResultatAttendu> resultatsAttendus,
                          List<Activite> activites) {
    }

    public record ConditionsExercice(List<String> donnees, List<String> equipements, List<String> relationsInternes,
                                     List<String> relationsExternes, String autonomie, List<String> contexte) {
    }

    public record ResultatAttendu(String categorie, String rubrique, String libelle) {
    }

    public record Activite(UUID id, String code, String intitule, List<String> variantes, List<Tache> taches) {
    }

    public record Tache(UUID id, String code, String codeSource, String libelle) {
    }

    public record Unite(UUID id, String code, String intitule, String bloc, Boolean facultative) {
    }

    /** {@code codeOfficiel} is false when the code is ours because the sources name no épreuve (e.g. GPME EP-U51). */
    public record Epreuve(UUID id, String code, Boolean codeOfficiel, String intitule, List<String> variantes,
                          String unite, String parent, BigDecimal coefficient,
                          Boolean facultative, Integer noteSur, List<Modalite> modalites, List<Situation> situations,
                          ExigencesDossier exigencesDossier) {
    }

    public record Modalite(CategorieCandidat categorie, FormeEvaluation forme, Integer nbSituations,
                           Integer dureeMinutes, String dureeTexte, String libelleSource, List<Partie> parties) {
    }

    /** A part of a mixed form (e.g. E21: a written part of 2 hours and an oral part of 20 minutes). */
    public record Partie(String libelle, FormeEvaluation forme, Integer dureeMinutes, String dureeTexte) {
    }

    /** A CCF situation; its id derives from {@code "<certification>/situation/<épreuve code>/<situation code>"}. */
    public record Situation(UUID id, String code, BigDecimal points, Integer dureeMaxMinutes, String periode,
                            String description) {
    }

    public record ExigencesDossier(String consequenceAbsence, String controleConformitePar, List<Piece> pieces,
                                   List<CodeLibelle> elementsContexte, List<TypeFiche> typesFiche,
                                   List<RegleDossier> regles) {
    }

    public record Piece(String code, String libelle, Boolean obligatoire) {
    }

    public record TypeFiche(String code, String libelle, List<CodeLibelle> champs, List<CodeLibelle> drapeaux) {
    }

    /** One rule of a dossier requirement; only the fields its {@code type} uses are present. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegleDossier(String code, String type, String typeFiche, List<String> typesFiche,
                               List<String> activites, Integer min, Integer max, Boolean exactementUneFois,
                               String drapeau, String piece, String domaine, String versTypeFiche,
                               String consequence, String message, String source) {
    }

    public record ReglesResultat(BigDecimal seuil, Boolean seuilInclusif, String seuilSource, String facultatives,
                                 BigDecimal coefficientFacultatifParDefaut, Integer dureeValiditeBeneficeAnnees) {
    }

    public record Langues(List<String> autorisees, List<String> anglaisObligatoireParmi, List<String> unitesLangue,
                          List<String> unitesLangueFacultative, Boolean langueFacultativeDifferente) {
    }

    public record Dispense(String code, List<String> unites, List<String> diplomesRequis, List<String> conditions,
                           Boolean surDemande) {
    }

    public record Correspondance(String ancienneCertification, String ancienneEpreuve, List<String> anciennesUnites,
                                 String nouvelleEpreuve, List<String> nouvellesUnites, String note) {
    }
}
