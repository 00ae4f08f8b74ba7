package fr.bts.referential.service;

import fr.bts.referential.document.VersionDocument;

/** Small copy-with helpers on version documents (records are immutable). */
final class Documents {

    private Documents() {
    }

    static VersionDocument withVersion(VersionDocument d, VersionDocument.VersionInfo version) {
        return new VersionDocument(d.certification(), version, d.categoriesCandidats(), d.voiesAcces(), d.blocs(),
                d.domaines(), d.unites(), d.epreuves(), d.reglesResultat(), d.langues(), d.dispenses(),
                d.correspondances(), d.conflits(), d.dispositions());
    }
}
