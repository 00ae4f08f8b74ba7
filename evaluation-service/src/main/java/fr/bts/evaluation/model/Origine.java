package fr.bts.evaluation.model;

/**
 * Where a grade comes from: a CCF proposal of the training establishment (R18: never shown to the
 * candidate as such, final mark decided by the jury), a commission, or the registration itself
 * (dispense, bénéfice, NV for a missing dossier — R13).
 */
public enum Origine {
    PROPOSITION_CCF, COMMISSION, INSCRIPTION
}
