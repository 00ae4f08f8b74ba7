package fr.bts.evaluation.jury;

import java.util.ArrayList;
import java.util.List;

/**
 * The composition rules of a BTS jury, R19 of the domain brief, from [S000]: « présidé par un
 * enseignant-chercheur ou par un inspecteur d'académie-inspecteur pédagogique régionale … composé à parts
 * égales de professeurs de l'enseignement public, représentant la majorité des personnels enseignants, dont
 * un enseignant-chercheur, et s'il y a lieu, de professeurs de l'enseignement privé … et de membres de la
 * profession … employeurs et salariés ».
 *
 * <p>Reading kept here: the president chairs and is not counted in the two equal parts; « la majorité des
 * personnels enseignants » is a strict majority of public teachers (enseignants-chercheurs included) among
 * the teachers. Plain Java; returns every broken rule, in French, so a rectorat sees all of them at once.
 */
public final class CompositionJury {

    private CompositionJury() {
    }

    public static List<String> violations(QualiteJure president, List<QualiteJure> membres) {
        List<String> out = new ArrayList<>();
        if (president == null) {
            out.add("Le jury doit avoir un président");
        } else if (president != QualiteJure.ENSEIGNANT_CHERCHEUR && president != QualiteJure.IA_IPR) {
            out.add("Le président doit être un enseignant-chercheur ou un IA-IPR (R19), pas " + president);
        }
        if (membres.contains(QualiteJure.IA_IPR)) {
            out.add("Un IA-IPR ne siège que comme président (R19)");
        }
        long enseignants = membres.stream().filter(QualiteJure::enseignant).count();
        long publics = membres.stream().filter(QualiteJure::enseignantPublic).count();
        long professionnels = membres.stream().filter(QualiteJure::professionnel).count();
        if (enseignants == 0 || professionnels == 0) {
            out.add("Le jury compte des enseignants et des membres de la profession (R19)");
        }
        if (enseignants != professionnels) {
            out.add("Parts égales d'enseignants et de professionnels (R19) : " + enseignants + " enseignant(s), "
                    + professionnels + " professionnel(s)");
        }
        if (!membres.contains(QualiteJure.ENSEIGNANT_CHERCHEUR)) {
            out.add("Les enseignants comptent au moins un enseignant-chercheur (R19)");
        }
        if (enseignants > 0 && publics * 2 <= enseignants) {
            out.add("Les professeurs de l'enseignement public représentent la majorité des enseignants (R19) : "
                    + publics + " sur " + enseignants);
        }
        return out;
    }
}
