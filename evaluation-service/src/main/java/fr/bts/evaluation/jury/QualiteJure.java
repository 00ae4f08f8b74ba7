package fr.bts.evaluation.jury;

/**
 * The quality of a jury member as R19 ([S000]) counts them: teachers (public — among them
 * enseignants-chercheurs — or private under contract / CFA) and members of the profession (employers,
 * employees); IA-IPR only as president.
 */
public enum QualiteJure {
    ENSEIGNANT_CHERCHEUR, IA_IPR, PROFESSEUR_PUBLIC, PROFESSEUR_PRIVE, PROFESSIONNEL_EMPLOYEUR, PROFESSIONNEL_SALARIE;

    public boolean enseignant() {
        return this == ENSEIGNANT_CHERCHEUR || this == PROFESSEUR_PUBLIC || this == PROFESSEUR_PRIVE;
    }

    public boolean enseignantPublic() {
        return this == ENSEIGNANT_CHERCHEUR || this == PROFESSEUR_PUBLIC;
    }

    public boolean professionnel() {
        return this == PROFESSIONNEL_EMPLOYEUR || this == PROFESSIONNEL_SALARIE;
    }
}
