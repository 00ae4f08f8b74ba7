package fr.bts.dossier.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The part of the referential version document (docs/contracts.md) that the dossier service reads: candidate
 * categories, access routes, domains and activities, units, épreuves with their dossier requirements, language
 * rules and dispenses. Everything else in the document is ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferentialVersion(Certification certification, Version version, List<Code> categoriesCandidats,
                                 List<Voie> voiesAcces, List<Domaine> domaines, List<Unite> unites,
                                 List<Epreuve> epreuves, Langues langues, List<Dispense> dispenses) {

    public ReferentialVersion {
        categoriesCandidats = categoriesCandidats == null ? List.of() : categoriesCandidats;
        voiesAcces = voiesAcces == null ? List.of() : voiesAcces;
        domaines = domaines == null ? List.of() : domaines;
        unites = unites == null ? List.of() : unites;
        epreuves = epreuves == null ? List.of() : epreuves;
        langues = langues == null ? new Langues(null, null, null, null) : langues;
        dispenses = dispenses == null ? List.of() : dispenses;
    }

    public int number() {
        return version.number();
    }

    public Optional<Unite> unite(String code) {
        return unites.stream().filter(u -> u.code().equals(code)).findFirst();
    }

    public Optional<Epreuve> epreuve(String code) {
        return epreuves.stream().filter(e -> e.code().equals(code)).findFirst();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Certification(String code, String rncp, String intitule) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Version(int number, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Code(String code, String libelle) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Voie(String code, String libelle, Boolean ouverte) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Domaine(String code, Integer numero, String intitule, List<Code> activites) {
        public Domaine {
            activites = activites == null ? List.of() : activites;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Unite(String code, String intitule, boolean facultative) {
    }

    /** An épreuve; {@code exigencesDossier} is kept as JSON and read by the conformity engine's own records. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Epreuve(String code, String intitule, String unite, boolean facultative, JsonNode exigencesDossier) {
        public boolean hasDossier() {
            return exigencesDossier != null && !exigencesDossier.isNull();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Langues(List<String> autorisees, List<String> anglaisObligatoireParmi, List<String> unitesLangue,
                          List<String> unitesLangueFacultative) {
        public Langues {
            autorisees = autorisees == null ? List.of() : autorisees;
            anglaisObligatoireParmi = anglaisObligatoireParmi == null ? List.of() : anglaisObligatoireParmi;
            unitesLangue = unitesLangue == null ? List.of() : unitesLangue;
            unitesLangueFacultative = unitesLangueFacultative == null ? List.of() : unitesLangueFacultative;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dispense(String code, List<String> unites, List<String> diplomesRequis, Boolean surDemande) {
        public Dispense {
            unites = unites == null ? List.of() : unites;
            diplomesRequis = diplomesRequis == null ? List.of() : diplomesRequis;
        }
    }
}
