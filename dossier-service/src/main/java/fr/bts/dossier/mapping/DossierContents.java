package fr.bts.dossier.mapping;

import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.conformity.ConformityReport;
import fr.bts.dossier.conformity.DossierContent;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.model.PieceJointe;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Translations between stored dossiers and the conformity engine's records. */
public final class DossierContents {

    private DossierContents() {
    }

    public static DossierContent of(DossierCandidat candidat, DossierProfessionnel dossier, ReferentialVersion version) {
        List<DossierContent.Fiche> fiches = dossier.fiches.stream()
                .map(f -> new DossierContent.Fiche(f.id, f.type, f.activites, new HashSet<>(f.drapeaux), f.champs, f.lien))
                .toList();
        Set<String> pieces = new HashSet<>();
        for (PieceJointe p : candidat.attachments) {
            if (dossier.epreuve.equals(p.epreuve) && p.piece != null) {
                pieces.add(p.piece);
            }
        }
        Map<String, List<String>> domaines = new HashMap<>();
        for (ReferentialVersion.Domaine d : version.domaines()) {
            List<String> activites = d.activites().stream().map(ReferentialVersion.Code::code).toList();
            if (d.numero() != null) {
                domaines.put(String.valueOf(d.numero()), activites);
            }
            if (d.code() != null) {
                domaines.put(d.code(), activites);
            }
        }
        return new DossierContent(fiches, dossier.elementsContexte, pieces, domaines);
    }

    public static DossierProfessionnel.StoredReport stored(ConformityReport report) {
        DossierProfessionnel.StoredReport out = new DossierProfessionnel.StoredReport();
        out.conforme = report.conforme();
        out.penalite = report.penalite();
        for (ConformityReport.RuleResult r : report.results()) {
            DossierProfessionnel.StoredRule rule = new DossierProfessionnel.StoredRule();
            rule.code = r.code();
            rule.type = r.type();
            rule.passed = r.passed();
            rule.consequence = r.consequence().name();
            rule.message = r.message();
            rule.detail = r.detail();
            rule.source = r.source();
            out.results.add(rule);
        }
        return out;
    }
}
