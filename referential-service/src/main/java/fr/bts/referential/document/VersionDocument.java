package fr.bts.referential.document;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
        List<Correspondance> correspondances,
        List<Conflit> conflits,
        List<Disposition> dispositions) {

    public record CertificationInfo(UUID id, String code, String rncp, String intitule, String type, String niveau,
                                    String nomenclatureNiveau, String etat, List<CodeLibelle> nsf,
                                    List<CodeLibelle> formacodes, List<CodeLibelle> rome,
                                    List<Certificateur> certificateurs, @Schema(nullable = true) LocalDate datePublication,
                                    @Schema(nullable = true) LocalDate dateDebutParcours,
                                    @Schema(nullable = true) LocalDate dateEcheanceEnregistrement,
                                    @Schema(nullable = true) LocalDate dateDerniereDelivrance,
                                    @Schema(nullable = true) String baseLegale, List<String> arretes,
                                    List<CodeIntitule> certificationsAnterieures) {
    }

    public record CodeLibelle(String code, String libelle) {
    }

    public record CodeIntitule(String code, String intitule) {
    }

    public record Certificateur(String nom, String siret) {
    }

    public record VersionInfo(Integer number, String status, Instant publishedAt, @Schema(nullable = true) String libelle,
                              List<String> sources) {
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

    /** {@code notes}: the footnotes of the domain's text, verbatim (SAM D1: « processus administratif », « système d’information »). */
    public record Domaine(UUID id, String code, Integer numero, String intitule, String description,
                          ConditionsExercice conditionsExercice, List<ResultatAttendu> resultatsAttendus,
                          List<Activite> activites, List<NoteBasDePage> notes) {
    }

    /** A footnote: its number in the source, the words it is attached to, its text. */
    public record NoteBasDePage(String numero, String renvoi, String texte) {
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
    /**
     * {@code commission}: the composition of the commission d'interrogation or de correction, verbatim; null when the
     * sources do not give it. {@code provenance}: where each of its rule values ({@link RuleValues}) comes from.
     */
    public record Epreuve(UUID id, String code, Boolean codeOfficiel, String intitule, List<String> variantes,
                          String unite, String parent, BigDecimal coefficient,
                          Boolean facultative, Integer noteSur, List<Modalite> modalites, List<Situation> situations,
                          ExigencesDossier exigencesDossier, String commission, List<Provenance> provenance) {
    }

    /** {@code dureePreparationMinutes}: the preparation time the sources give beside the duration (absent when none). */
    public record Modalite(CategorieCandidat categorie, FormeEvaluation forme, Integer nbSituations,
                           Integer dureeMinutes, String dureeTexte, String libelleSource, List<Partie> parties,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer dureePreparationMinutes,
                           List<Provenance> provenance) {
    }

    /**
     * A part of a form (e.g. E21: a written part of 2 hours and an oral part of 20 minutes; E1 ponctuelle: a synthèse
     * marked on 40 and an écriture personnelle marked on 20). {@code noteSur} is the scale the part is marked on and
     * {@code poids} its relative weight in the épreuve's mark, both absent when the sources say nothing of them.
     */
    public record Partie(String libelle, FormeEvaluation forme, Integer dureeMinutes, String dureeTexte,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Integer dureePreparationMinutes,
                         @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal noteSur,
                         @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal poids,
                         List<Provenance> provenance) {
    }

    /**
     * A CCF situation; its id derives from {@code "<certification>/situation/<épreuve code>/<situation code>"}.
     * {@code points}: what the situation is marked on within the épreuve's /20 (GPME E4: A 14, B 6); {@code noteSur}
     * and {@code poids}: when the situation is marked on its own scale and weighed against the others instead
     * (SAM E1: « chaque situation est notée sur 20 points », « de poids identique »); absent when not given.
     * {@code commission}: the composition of the situation's own commission when the sources give one (SAM E5 A, B).
     */
    public record Situation(UUID id, String code, BigDecimal points, Integer dureeMaxMinutes, String periode,
                            String description,
                            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal noteSur,
                            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal poids,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String commission,
                            List<Provenance> provenance) {
    }

    /**
     * Where rule values come from. {@code champs} names the fields of the enclosing object it covers. {@code nature}:
     * {@code SOURCE} (a seed document: {@code source} such as {@code [S002]}, {@code section}, {@code citation}
     * verbatim), {@code TEXTE_CITE} (a legal text, {@code texte}, that the seeds name without reproducing it; the
     * seed that names it in {@code source}/{@code citation}), {@code DEFAUT} (no source gives it: a default of this
     * service, settable in a new version; {@code note} says what it stands for).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provenance(List<String> champs, String nature, String source, String section, String citation,
                             String texte, String note) {

        public static final List<String> NATURES = List.of("SOURCE", "TEXTE_CITE", "DEFAUT");
    }

    /**
     * Two readings the sources give of one fact (e.g. SAM E5 situation B: 1 h 30 in II.C, 45 + 30 minutes in II.D).
     * The fields in {@code chemins} (document paths) stay null until an administrator settles the fact in a new
     * version; none of the readings is chosen by the service.
     */
    public record Conflit(String code, String objet, List<String> chemins, List<Lecture> lectures) {
    }

    /** One reading of a conflicting fact: the value it implies (as text), and where it is written. */
    public record Lecture(String valeur, String source, String section, String citation) {
    }

    /**
     * A provision of the sources that has no field of its own (first session, internship rules, jury composition,
     * types of jobs…): its subject, its text verbatim and where it is written.
     */
    public record Disposition(String code, String objet, String texte, String source, String section) {
    }

    public record ExigencesDossier(String consequenceAbsence, String controleConformitePar, List<Piece> pieces,
                                   List<CodeLibelle> elementsContexte, List<TypeFiche> typesFiche,
                                   List<RegleDossier> regles, List<ConditionDossier> conditions) {
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

    /**
     * A condition of the dossier that the sources state without saying what failing it entails (GPME E4: « Au moins
     * 3 activités différentes », « Issus de la période de formation en milieu professionnel »): shown to candidates
     * and commissions, never evaluated as a rule. {@code citation} is verbatim.
     */
    public record ConditionDossier(String code, List<String> typesFiche, String citation, String source) {
    }

    public record ReglesResultat(BigDecimal seuil, Boolean seuilInclusif, String seuilSource, String facultatives,
                                 BigDecimal coefficientFacultatifParDefaut, Integer dureeValiditeBeneficeAnnees,
                                 List<Provenance> provenance) {
    }

    public record Langues(List<String> autorisees, List<String> anglaisObligatoireParmi, List<String> unitesLangue,
                          List<String> unitesLangueFacultative, Boolean langueFacultativeDifferente,
                          List<Provenance> provenance) {
    }

    /** {@code titreSource}: the title of the annex that lists the dispense, verbatim. */
    public record Dispense(String code, List<String> unites, List<String> diplomesRequis, List<String> conditions,
                           Boolean surDemande, String titreSource, List<Provenance> provenance) {
    }

    /** {@code anciennesSousEpreuves}: the old sub-épreuves of the row (Assistant de manager E31, E32), verbatim. */
    public record Correspondance(String ancienneCertification, String ancienneEpreuve, List<String> anciennesUnites,
                                 String nouvelleEpreuve, List<String> nouvellesUnites, String note,
                                 List<String> anciennesSousEpreuves, List<Provenance> provenance) {
    }
}
