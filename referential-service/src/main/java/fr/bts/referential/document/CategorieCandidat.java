package fr.bts.referential.document;

/** The three candidate categories of a règlement d'examen (domain brief §1.3); verbatim labels are data. */
public enum CategorieCandidat {
    CAT_A, CAT_B, CAT_C
}
