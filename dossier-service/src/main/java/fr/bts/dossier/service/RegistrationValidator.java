package fr.bts.dossier.service;

import fr.bts.commons.problem.Problem.Violation;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.model.FormeInscription;
import fr.bts.dossier.model.Langue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a registration against its referential version: category and access route offered, units known and of
 * the right kind, forme globale/progressive, languages (domain-brief R21: allowed list, English among the
 * compulsory ones, the optional one different), dispenses only of dispensable units (R12) and bénéfices only of
 * grades ≥ 10 obtained before the session (R9). Plain Java: the rules read the version, no diploma is named.
 */
public final class RegistrationValidator {

    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final BigDecimal TWENTY = BigDecimal.valueOf(20);

    private RegistrationValidator() {
    }

    /** The compulsory units the registration takes this session, once valid. */
    public static List<String> unitesOf(RegistrationInput in, ReferentialVersion version) {
        if (in.forme() == FormeInscription.GLOBALE && in.unites().isEmpty()) {
            return version.unites().stream().filter(u -> !u.facultative()).map(ReferentialVersion.Unite::code).toList();
        }
        return List.copyOf(new LinkedHashSet<>(in.unites()));
    }

    public static List<Violation> validate(RegistrationInput in, ReferentialVersion version) {
        List<Violation> out = new ArrayList<>();
        if (version.categoriesCandidats().stream().noneMatch(c -> c.code().equals(in.categorie().name()))) {
            out.add(new Violation("categorie", "is not a candidate category of " + in.certification(), in.categorie().name()));
        }
        if (version.voiesAcces().stream().noneMatch(v -> v.code().equals(in.voie()) && !Boolean.FALSE.equals(v.ouverte()))) {
            out.add(new Violation("voie", "is not an open access route of " + in.certification(), in.voie()));
        }
        Set<String> compulsory = new HashSet<>();
        Set<String> optional = new HashSet<>();
        version.unites().forEach(u -> (u.facultative() ? optional : compulsory).add(u.code()));

        units(in, version, compulsory, out);
        for (int i = 0; i < in.unitesFacultatives().size(); i++) {
            String u = in.unitesFacultatives().get(i);
            if (!optional.contains(u)) {
                out.add(new Violation("unitesFacultatives[" + i + "]", "is not a facultative unit of " + in.certification(), u));
            }
        }
        Set<String> dispensed = dispenses(in, version, out);
        benefices(in, version, dispensed, out);
        languages(in, version, dispensed, out);
        return out;
    }

    private static void units(RegistrationInput in, ReferentialVersion version, Set<String> compulsory, List<Violation> out) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.unites().size(); i++) {
            String u = in.unites().get(i);
            if (!compulsory.contains(u)) {
                out.add(new Violation("unites[" + i + "]", "is not a compulsory unit of " + in.certification(), u));
            } else if (!seen.add(u)) {
                out.add(new Violation("unites[" + i + "]", "is listed twice", u));
            }
        }
        if (in.forme() == FormeInscription.GLOBALE && !in.unites().isEmpty() && !seen.equals(compulsory)) {
            out.add(new Violation("unites", "forme GLOBALE takes every compulsory unit " + new TreeSet<>(compulsory)
                    + "; leave it empty or list them all", String.join(",", in.unites())));
        }
        if (in.forme() == FormeInscription.PROGRESSIVE && in.unites().isEmpty()) {
            out.add(new Violation("unites", "forme PROGRESSIVE names the units taken this session"));
        }
    }

    private static Set<String> dispenses(RegistrationInput in, ReferentialVersion version, List<Violation> out) {
        Set<String> dispensable = new HashSet<>();
        version.dispenses().forEach(d -> dispensable.addAll(d.unites()));
        Set<String> dispensed = new HashSet<>();
        for (int i = 0; i < in.dispenses().size(); i++) {
            RegistrationInput.DispenseInput d = in.dispenses().get(i);
            if (version.unite(d.unite()).isEmpty()) {
                out.add(new Violation("dispenses[" + i + "].unite", "is not a unit of " + in.certification(), d.unite()));
            } else if (!dispensable.contains(d.unite())) {
                out.add(new Violation("dispenses[" + i + "].unite", "cannot be dispensed in " + in.certification()
                        + " (dispensable: " + new TreeSet<>(dispensable) + ")", d.unite()));
            } else if (!dispensed.add(d.unite())) {
                out.add(new Violation("dispenses[" + i + "].unite", "is dispensed twice", d.unite()));
            }
        }
        if (in.forme() == FormeInscription.PROGRESSIVE) {
            for (int i = 0; i < in.unites().size(); i++) {
                if (dispensed.contains(in.unites().get(i))) {
                    out.add(new Violation("unites[" + i + "]", "is dispensed; it is not taken this session", in.unites().get(i)));
                }
            }
        }
        return dispensed;
    }

    private static void benefices(RegistrationInput in, ReferentialVersion version, Set<String> dispensed, List<Violation> out) {
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < in.benefices().size(); i++) {
            RegistrationInput.BeneficeInput b = in.benefices().get(i);
            String at = "benefices[" + i + "]";
            if (version.unite(b.unite()).isEmpty()) {
                out.add(new Violation(at + ".unite", "is not a unit of " + in.certification(), b.unite()));
                continue;
            }
            if (dispensed.contains(b.unite())) {
                out.add(new Violation(at + ".unite", "is also dispensed; a unit is either dispensed or kept", b.unite()));
            }
            if (!kept.add(b.unite())) {
                out.add(new Violation(at + ".unite", "is kept twice", b.unite()));
            }
            BigDecimal note = new BigDecimal(b.note());
            if (note.compareTo(TEN) < 0) {
                out.add(new Violation(at + ".note", "only a grade of at least 10/20 can be kept as a bénéfice", b.note()));
            } else if (note.compareTo(TWENTY) > 0) {
                out.add(new Violation(at + ".note", "a grade is at most 20", b.note()));
            }
            if (b.session().compareTo(in.session()) >= 0) {
                out.add(new Violation(at + ".session", "a kept grade comes from an earlier session than " + in.session(), b.session()));
            }
            if (b.dateObtention().getYear() > Integer.parseInt(b.session())) {
                out.add(new Violation(at + ".dateObtention", "is after the session it was obtained in", b.dateObtention().toString()));
            }
            if (in.forme() == FormeInscription.PROGRESSIVE && in.unites().contains(b.unite())) {
                out.add(new Violation(at + ".unite", "is kept; it is not taken again this session", b.unite()));
            }
        }
    }

    private static void languages(RegistrationInput in, ReferentialVersion version, Set<String> dispensed, List<Violation> out) {
        ReferentialVersion.Langues rules = version.langues();
        Set<String> taken = new HashSet<>(unitesOf(in, version));
        for (Map.Entry<String, Langue> e : in.langues().entrySet()) {
            String unit = e.getKey();
            String at = "langues." + unit;
            if (!rules.unitesLangue().contains(unit) && !rules.unitesLangueFacultative().contains(unit)) {
                out.add(new Violation(at, "is not a language unit of " + in.certification(), unit));
                continue;
            }
            if (!rules.autorisees().contains(e.getValue().name())) {
                out.add(new Violation(at, "is not an allowed language " + rules.autorisees(), e.getValue().name()));
            }
            if (rules.unitesLangueFacultative().contains(unit) && !in.unitesFacultatives().contains(unit)) {
                out.add(new Violation(at, "is the language of a facultative unit that is not taken", unit));
            }
            if (rules.unitesLangue().contains(unit) && !taken.contains(unit)) {
                out.add(new Violation(at, "is the language of a unit not taken this session", unit));
            }
        }
        List<Langue> compulsory = new ArrayList<>();
        for (String unit : rules.unitesLangue()) {
            if (taken.contains(unit) && !dispensed.contains(unit)) {
                Langue chosen = in.langues().get(unit);
                if (chosen == null) {
                    out.add(new Violation("langues." + unit, "a language must be chosen for " + unit));
                } else {
                    compulsory.add(chosen);
                }
            }
        }
        if (new HashSet<>(compulsory).size() < compulsory.size()) {
            out.add(new Violation("langues", "the compulsory languages must differ", compulsory.toString()));
        }
        List<String> englishAmong = rules.anglaisObligatoireParmi();
        boolean allChosen = !englishAmong.isEmpty() && englishAmong.stream().allMatch(in.langues()::containsKey);
        if (allChosen && englishAmong.stream().noneMatch(u -> in.langues().get(u) == Langue.ANGLAIS)) {
            out.add(new Violation("langues", "one of " + englishAmong + " must be ANGLAIS"));
        }
        for (String unit : rules.unitesLangueFacultative()) {
            Langue optional = in.langues().get(unit);
            if (optional != null && rules.unitesLangue().stream().map(in.langues()::get).anyMatch(optional::equals)) {
                out.add(new Violation("langues." + unit, "the facultative language must differ from the compulsory ones", optional.name()));
            }
        }
    }
}
