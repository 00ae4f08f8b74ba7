package fr.bts.referential.rncp;

import fr.bts.commons.problem.Problem;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fiche of France Compétences' RNCP XML export (V4.1 elements, shared/standards/README.md), read from
 * {@code FICHES/FICHE} (or a bare {@code FICHE}). Dates are dd/MM/yyyy. Free-text fields are HTML fragments;
 * they are kept verbatim in {@link #rawHtml()} (field name → HTML) and {@link Bloc#rawHtml()}.
 */
public record RncpFiche(String numeroFiche, String intitule, String etat, String niveau, String nomenclatureNiveau,
                        List<Code> nsf, List<Code> rome, List<Code> formacodes, List<Certificateur> certificateurs,
                        List<Bloc> blocs, List<String> anciennesCertifications, LocalDate dateDecision,
                        LocalDate dateEffet, LocalDate dateFinEnregistrement, Map<String, String> rawHtml) {

    public record Code(String code, String libelle) {
    }

    public record Certificateur(String nom, String siret) {
    }

    public record Bloc(String code, String libelle, Map<String, String> rawHtml) {
    }

    static final List<String> FREE_TEXT = List.of("ACTIVITES_VISEES", "CAPACITES_ATTESTEES", "SECTEURS_ACTIVITE",
            "TYPE_EMPLOI_ACCESSIBLES", "OBJECTIFS_CONTEXTE", "REGLEMENTATIONS_ACTIVITES", "PREREQUIS_ENTREE_FORMATION");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final Pattern RNCP = Pattern.compile("RNCP\\d{3,6}");
    private static final Pattern NIVEAU = Pattern.compile("(?:NIV|NIVEAU[ _]?)(\\d)", Pattern.CASE_INSENSITIVE);

    /** Reads the fiche; problems (no fiche, bad dates, missing number) are added to {@code violations}. */
    public static RncpFiche read(XmlNode root, List<Problem.Violation> violations) {
        XmlNode fiche = root.name().equals("FICHE") ? root : root.all("FICHE").stream().findFirst().orElse(null);
        if (fiche == null) {
            violations.add(new Problem.Violation("FICHES/FICHE", "no FICHE element"));
            return null;
        }
        if (root.all("FICHE").size() > 1) {
            violations.add(new Problem.Violation("FICHES/FICHE", "one fiche per import, found " + root.all("FICHE").size()));
        }
        String numero = fiche.text("NUMERO_FICHE");
        if (numero == null || !RNCP.matcher(numero).matches()) {
            violations.add(new Problem.Violation("FICHE/NUMERO_FICHE", "must be an RNCP number such as RNCP38363", numero));
        }
        String intitule = fiche.text("INTITULE");
        if (intitule == null) {
            violations.add(new Problem.Violation("FICHE/INTITULE", "is required"));
        }
        String niveau = null;
        String nomenclature = null;
        String niv = fiche.child("NOMENCLATURE_EUROPE").map(n -> n.text("NIVEAU")).orElse(null);
        if (niv != null) {
            Matcher m = NIVEAU.matcher(niv);
            if (m.find()) {
                niveau = m.group(1);
                nomenclature = "NIVEAU_" + niveau;
            } else {
                violations.add(new Problem.Violation("FICHE/NOMENCLATURE_EUROPE/NIVEAU", "unknown level", niv));
            }
        }
        List<Code> nsf = codes(fiche, "CODES_NSF", "NSF", "INTITULE");
        List<Code> rome = codes(fiche, "CODES_ROME", "ROME", "LIBELLE");
        List<Code> formacodes = codes(fiche, "FORMACODES", "FORMACODE", "LIBELLE");
        List<Certificateur> certificateurs = fiche.child("CERTIFICATEURS").map(c -> c.all("CERTIFICATEUR").stream()
                .map(x -> new Certificateur(x.text("NOM_CERTIFICATEUR"), x.text("SIRET_CERTIFICATEUR"))).toList())
                .orElse(List.of());
        List<Bloc> blocs = new ArrayList<>();
        fiche.child("BLOCS_COMPETENCES").ifPresent(bs -> bs.all("BLOC_COMPETENCES").forEach(b -> {
            Map<String, String> html = new LinkedHashMap<>();
            for (String field : List.of("LISTE_COMPETENCES", "MODALITES_EVALUATION")) {
                String raw = b.raw(field);
                if (raw != null) {
                    html.put(field, raw);
                }
            }
            blocs.add(new Bloc(b.text("CODE"), b.text("LIBELLE"), html));
        }));
        List<String> anciennes = new ArrayList<>();
        fiche.all("ANCIENNE_CERTIFICATION").forEach(a -> collectRncp(a, anciennes));
        Map<String, String> rawHtml = new LinkedHashMap<>();
        for (String field : FREE_TEXT) {
            String raw = fiche.raw(field);
            if (raw != null) {
                rawHtml.put(field, raw);
            }
        }
        return new RncpFiche(numero, intitule, etat(fiche), niveau, nomenclature, nsf, rome, formacodes, certificateurs,
                blocs, anciennes, date(fiche, "DATE_DECISION", violations), date(fiche, "DATE_EFFET", violations),
                date(fiche, "DATE_FIN_ENREGISTREMENT", violations), rawHtml);
    }

    private static String etat(XmlNode fiche) {
        String actif = fiche.text("ACTIF");
        if (actif != null) {
            return actif.equalsIgnoreCase("oui") ? "Active" : "Inactive";
        }
        return fiche.text("ETAT_FICHE");
    }

    private static List<Code> codes(XmlNode fiche, String list, String item, String label) {
        return fiche.child(list).map(l -> l.all(item).stream()
                .map(x -> new Code(x.text("CODE"), x.text(label) != null ? x.text(label) : x.text("INTITULE")))
                .filter(c -> c.code() != null).toList()).orElse(List.of());
    }

    private static void collectRncp(XmlNode node, List<String> out) {
        Matcher m = RNCP.matcher(node.text());
        while (m.find()) {
            if (!out.contains(m.group())) {
                out.add(m.group());
            }
        }
        node.children().forEach(c -> collectRncp(c, out));
    }

    private static LocalDate date(XmlNode fiche, String field, List<Problem.Violation> violations) {
        String text = fiche.text(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation("FICHE/" + field, "must be a date dd/MM/yyyy", text));
            return null;
        }
    }
}
