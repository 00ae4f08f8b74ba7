package fr.bts.dossier.mapping;

import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.model.StatutDossier;
import fr.bts.dossier.model.StatutInscription;
import fr.bts.dossier.service.RegistrationValidator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A registration as sent ({@link RegistrationInput}, already valid for its version) into the stored file: identity,
 * units, languages, dispenses, bénéfices, and a DRAFT professional dossier for each épreuve taken that needs one.
 * Used by a single registration and by the bulk import alike.
 */
public final class RegistrationMapping {

    /** The history's name of the registration workflow (the professional dossiers' are their épreuve codes). */
    public static final String REGISTRATION = "registration";

    private RegistrationMapping() {
    }

    /** A new DRAFT file at version 1, its history opened by {@code by}. */
    public static DossierCandidat newFile(String id, String academie, RegistrationInput input, ReferentialVersion version,
                                          String by, Instant now) {
        DossierCandidat candidat = new DossierCandidat();
        candidat.id = id;
        candidat.academie = academie;
        candidat.session = input.session();
        candidat.candidateNumber = input.candidateNumber();
        candidat.status = StatutInscription.DRAFT;
        candidat.createdAt = now;
        apply(candidat, input, version);
        candidat.updatedAt = now;
        candidat.version = 1;
        candidat.record(by, REGISTRATION, null, StatutInscription.DRAFT.name(), "registered", now);
        return candidat;
    }

    /** Copies the registration into the file and opens a DRAFT dossier for each épreuve taken that needs one. */
    public static void apply(DossierCandidat candidat, RegistrationInput input, ReferentialVersion version) {
        candidat.certification = version.certification().code();
        candidat.referentialVersion = version.number();
        candidat.ine = input.ine();
        candidat.lastName = input.lastName().strip();
        candidat.firstName = input.firstName().strip();
        candidat.birthDate = input.birthDate();
        candidat.email = input.email();
        candidat.account = input.account();
        candidat.categorie = input.categorie();
        candidat.voie = input.voie();
        candidat.forme = input.forme();
        candidat.unites = new ArrayList<>(RegistrationValidator.unitesOf(input, version));
        candidat.unitesFacultatives = new ArrayList<>(new LinkedHashSet<>(input.unitesFacultatives()));
        candidat.langues = new LinkedHashMap<>();
        input.langues().forEach((unit, langue) -> candidat.langues.put(unit, langue.name()));
        candidat.dispenses = new ArrayList<>(input.dispenses().stream()
                .map(d -> new DossierCandidat.Dispense(d.unite(), d.diplome().strip())).toList());
        candidat.benefices = new ArrayList<>(input.benefices().stream()
                .map(b -> new DossierCandidat.Benefice(b.unite(), new BigDecimal(b.note()).stripTrailingZeros().toPlainString(),
                        b.session(), b.dateObtention())).toList());
        openDossiers(candidat, version);
    }

    /**
     * A DRAFT dossier for each épreuve with dossier requirements whose unit is taken, neither dispensed nor kept; an
     * untouched DRAFT dossier no longer needed is dropped.
     */
    private static void openDossiers(DossierCandidat candidat, ReferentialVersion version) {
        Set<String> notSat = new HashSet<>();
        candidat.dispenses.forEach(d -> notSat.add(d.unite));
        candidat.benefices.forEach(b -> notSat.add(b.unite));
        Set<String> needed = new HashSet<>();
        for (ReferentialVersion.Epreuve e : version.epreuves()) {
            boolean taken = candidat.unites.contains(e.unite()) || candidat.unitesFacultatives.contains(e.unite());
            if (e.hasDossier() && taken && !notSat.contains(e.unite())) {
                needed.add(e.code());
                if (candidat.dossier(e.code()).isEmpty()) {
                    DossierProfessionnel dossier = new DossierProfessionnel();
                    dossier.epreuve = e.code();
                    dossier.status = StatutDossier.DRAFT;
                    candidat.dossiers.add(dossier);
                }
            }
        }
        candidat.dossiers.removeIf(d -> !needed.contains(d.epreuve) && d.status == StatutDossier.DRAFT && d.fiches.isEmpty());
    }

    /** Whether applying {@code input} would change nothing of the registration (re-imports). */
    public static boolean sameRegistration(DossierCandidat candidat, RegistrationInput input, ReferentialVersion version) {
        DossierCandidat probe = new DossierCandidat();
        apply(probe, input, version);
        return Objects.equals(candidat.certification, probe.certification) && candidat.referentialVersion == probe.referentialVersion
                && Objects.equals(candidat.ine, probe.ine) && Objects.equals(candidat.lastName, probe.lastName)
                && Objects.equals(candidat.firstName, probe.firstName) && Objects.equals(candidat.birthDate, probe.birthDate)
                && Objects.equals(candidat.email, probe.email) && Objects.equals(candidat.account, probe.account)
                && candidat.categorie == probe.categorie && Objects.equals(candidat.voie, probe.voie) && candidat.forme == probe.forme
                && candidat.unites.equals(probe.unites) && candidat.unitesFacultatives.equals(probe.unitesFacultatives)
                && candidat.langues.equals(probe.langues)
                && dispenseKeys(candidat).equals(dispenseKeys(probe)) && beneficeKeys(candidat).equals(beneficeKeys(probe));
    }

    private static List<String> dispenseKeys(DossierCandidat candidat) {
        return candidat.dispenses.stream().map(d -> d.unite + "|" + d.diplome).toList();
    }

    private static List<String> beneficeKeys(DossierCandidat candidat) {
        return candidat.benefices.stream().map(b -> b.unite + "|" + b.note + "|" + b.session + "|" + b.dateObtention).toList();
    }
}
