package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.Grade;

/** A grade with the number of its candidate, as grade lists show it. */
public record GradeRow(Grade grade, String candidateNumber) {
}
