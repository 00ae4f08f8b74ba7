package fr.bts.evaluation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The registration snapshot of one session and certification in one académie (docs/contracts.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationSnapshot(String academie, String session, String certification, Integer referentialVersion,
                                   String generatedAt, List<Candidate> candidates) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Candidate(String registrationId, String candidateNumber, String lastName, String firstName,
                            String birthDate, String account, Integer referentialVersion, String status, String categorie, String voie, String forme,
                            List<String> unites, List<String> unitesFacultatives, Map<String, String> langues,
                            List<Dispense> dispenses, List<Benefice> benefices, List<EpreuveDossier> epreuves) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dispense(String unite, String diplome) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Benefice(String unite, BigDecimal note, String session, String dateObtention) {
    }

    /** A date of the snapshot, or null when absent or not a date (the snapshot writes "null" for unknown dates). */
    public static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() || "null".equals(text) ? null : LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EpreuveDossier(String epreuve, String dossier, boolean nv) {
    }
}
