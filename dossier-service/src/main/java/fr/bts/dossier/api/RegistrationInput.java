package fr.bts.dossier.api;

import fr.bts.dossier.model.CategorieCandidat;
import fr.bts.dossier.model.FormeInscription;
import fr.bts.dossier.model.Langue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A registration as a rectorat sends it, one by one or as a row of a bulk import. Formats are checked here;
 * everything that depends on the referential version (units, languages, dispenses, bénéfices, categories,
 * access routes) is checked by {@code fr.bts.dossier.service.RegistrationValidator}.
 *
 * @param referentialVersion the referential version number; the current one when absent
 * @param ine                the Identifiant National Étudiant when known: 11 characters, 9 digits then a digit or
 *                           letter then a letter (INE-RNIE {@code 0123456789A}, INE-BEA {@code 012345678AB})
 */
public record RegistrationInput(
        @NotBlank @Pattern(regexp = "\\d{4}", message = "must be a year, e.g. 2026") String session,
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,31}", message = "must be a certification code, e.g. BTS-SAM") String certification,
        @Positive Integer referentialVersion,
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,31}", message = "must be 3 to 32 upper-case letters, digits or dashes") String candidateNumber,
        @Pattern(regexp = "\\d{9}[0-9A-Z][A-Z]", message = "must be an INE: 9 digits, a digit or letter, a letter") String ine,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Size(max = 100) String firstName,
        @NotNull @Past LocalDate birthDate,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._@-]{1,99}", message = "must be a Keycloak username") String account,
        @NotNull CategorieCandidat categorie,
        @NotBlank @Size(max = 64) String voie,
        @NotNull FormeInscription forme,
        @Size(max = 30) List<@NotBlank String> unites,
        @Size(max = 10) List<@NotBlank String> unitesFacultatives,
        @Size(max = 10) Map<@NotBlank String, @NotNull Langue> langues,
        @Size(max = 30) List<@NotNull @Valid DispenseInput> dispenses,
        @Size(max = 30) List<@NotNull @Valid BeneficeInput> benefices) {

    public RegistrationInput {
        unites = unites == null ? List.of() : unites;
        unitesFacultatives = unitesFacultatives == null ? List.of() : unitesFacultatives;
        langues = langues == null ? Map.of() : langues;
        dispenses = dispenses == null ? List.of() : dispenses;
        benefices = benefices == null ? List.of() : benefices;
    }

    /** A requested dispense: unit and the diploma that justifies it. */
    public record DispenseInput(@NotBlank String unite, @NotBlank @Size(max = 200) String diplome) {
    }

    /**
     * A grade to keep: unit, grade as a decimal with at most 2 decimals, the session (year) and date it was obtained.
     */
    public record BeneficeInput(@NotBlank String unite,
                                @NotBlank @Pattern(regexp = "\\d{1,2}(\\.\\d{1,2})?", message = "must be a grade such as 12.5") String note,
                                @NotBlank @Pattern(regexp = "\\d{4}", message = "must be a year") String session,
                                @NotNull @Past LocalDate dateObtention) {
    }
}
