package fr.bts.evaluation.service;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import fr.bts.commons.csv.CsvWriter;
import fr.bts.commons.problem.ProblemException;
import fr.bts.evaluation.api.DeliberationDtos.CandidateResult;
import fr.bts.evaluation.api.OutputDtos.Attestation;
import fr.bts.evaluation.api.OutputDtos.Transcript;
import fr.bts.evaluation.deliberation.Arrondi;
import fr.bts.evaluation.deliberation.Delivrance;
import fr.bts.evaluation.deliberation.ResultatCandidat;
import fr.bts.evaluation.deliberation.ResultatCandidat.AttestationBloc;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.SessionCandidate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The outputs of a sealed deliberation: transcripts (JSON, PDF), the PV (CSV, PDF), bloc attestations. */
@ApplicationScoped
public class OutputService {

    @Inject
    Access access;
    @Inject
    DeliberationService deliberations;
    @Inject
    AuditService audit;

    @Transactional
    public Transcript transcript(UUID sessionId, String candidateNumber) {
        ExamSession session = access.session(sessionId);
        SessionCandidate candidate = access.readableCandidate(session, candidateNumber);
        ResultatCandidat result = deliberations.sealedResult(session, candidate);
        return new Transcript(session.id, session.academie, session.certification, session.referentialVersion, session.year,
                session.currentRevision, candidate.candidateNumber, candidate.lastName, candidate.firstName, candidate.voie,
                candidate.forme, result);
    }

    @Transactional
    public List<Attestation> attestations(UUID sessionId, String candidateNumber) {
        ExamSession session = access.session(sessionId);
        SessionCandidate candidate = access.readableCandidate(session, candidateNumber);
        ResultatCandidat result = deliberations.sealedResult(session, candidate);
        return result.attestations().stream().map(a -> attestation(a, candidate)).toList();
    }

    /** A candidate (or the rectorat for them) asks for the attestations delivered on request (R6). */
    @Transactional
    public List<Attestation> requestAttestations(UUID sessionId, String candidateNumber) {
        ExamSession session = access.session(sessionId);
        SessionCandidate candidate = access.readableCandidate(session, candidateNumber);
        access.requireAttestationRequester();
        ResultatCandidat result = deliberations.sealedResult(session, candidate);
        if (!candidate.attestationRequested) {
            candidate.attestationRequested = true;
            audit.append(session.academie, session.id, access.username(), "ATTESTATIONS_REQUESTED", candidateNumber, Map.of());
        }
        return result.attestations().stream().map(a -> attestation(a, candidate)).toList();
    }

    @Transactional
    public String pvCsv(UUID sessionId, String revision) {
        List<CandidateResult> results = pv(access.deliberation(sessionId), revision).results();
        List<String> epreuves = results.get(0).result().unites().stream().map(ResultatUnite::epreuve).distinct().toList();
        List<String> header = new ArrayList<>(List.of("candidat", "nom", "prenom"));
        header.addAll(epreuves);
        header.addAll(List.of("points", "coefficients", "moyenne", "decision", "motifs", "blocs_valides"));
        CsvWriter csv = CsvWriter.semicolon("\r\n").row(header);
        for (CandidateResult r : results) {
            ResultatCandidat res = r.result();
            List<String> row = new ArrayList<>(List.of(r.candidate(), nullSafe(r.lastName()), nullSafe(r.firstName())));
            for (String e : epreuves) {
                row.add(res.unites().stream().filter(u -> u.epreuve().equals(e)).findFirst().map(OutputService::mark).orElse(""));
            }
            row.addAll(List.of(Arrondi.text(res.totalPoints()), Arrondi.text(res.totalCoefficients()),
                    res.moyenne() == null ? "" : res.moyenne().toPlainString(), String.valueOf(res.decision()), motifs(res),
                    String.join(" ", res.blocsValides())));
            csv.row(row);
        }
        return csv.toString();
    }

    @Transactional
    public byte[] pvPdf(UUID sessionId, String revision) {
        ExamSession session = access.deliberation(sessionId);
        Pv pv = pv(session, revision);
        int number = pv.revision();
        List<CandidateResult> results = pv.results();
        return pdf(PageSize.A4.rotate(), document -> {
            document.add(new Paragraph("Procès-verbal de délibération — " + session.certification + " session " + session.year
                    + " — académie " + session.academie + " — révision " + number, new Font(Font.HELVETICA, 13, Font.BOLD)));
            PdfPTable table = new PdfPTable(6);
            table.setWidthPercentage(100);
            for (String h : List.of("Candidat", "Nom", "Prénom", "Moyenne", "Décision", "Motifs / blocs validés")) {
                table.addCell(h);
            }
            for (CandidateResult r : results) {
                table.addCell(r.candidate());
                table.addCell(nullSafe(r.lastName()));
                table.addCell(nullSafe(r.firstName()));
                table.addCell(r.result().moyenne() == null ? "—" : r.result().moyenne().toPlainString());
                table.addCell(r.result().decision().name());
                table.addCell(motifs(r.result()) + " " + String.join(" ", r.result().blocsValides()));
            }
            document.add(table);
        });
    }

    @Transactional
    public byte[] transcriptPdf(UUID sessionId, String candidateNumber) {
        Transcript t = transcript(sessionId, candidateNumber);
        return pdf(PageSize.A4, document -> {
            document.add(new Paragraph("Relevé de notes — " + t.certification() + " session " + t.year(), new Font(Font.HELVETICA, 14, Font.BOLD)));
            document.add(new Paragraph(nullSafe(t.lastName()) + " " + nullSafe(t.firstName()) + " — candidat " + t.candidate()
                    + " — académie " + t.academie()));
            PdfPTable table = new PdfPTable(4);
            table.setWidthPercentage(100);
            for (String h : List.of("Épreuve", "Unité", "Note /20 ou statut", "Coefficient")) {
                table.addCell(h);
            }
            for (ResultatUnite u : t.result().unites()) {
                table.addCell(u.epreuve());
                table.addCell(u.unite());
                table.addCell(mark(u));
                table.addCell(u.coefficient() == null ? "—" : Arrondi.text(u.coefficient()));
            }
            document.add(table);
            document.add(new Paragraph("Moyenne : " + (t.result().moyenne() == null ? "—" : t.result().moyenne().toPlainString())
                    + " — Décision : " + t.result().decision()));
            for (String line : t.result().lignes()) {
                document.add(new Paragraph(line, new Font(Font.HELVETICA, 9)));
            }
        });
    }

    /** The results of one sealed revision of the session's deliberation, for its PV; 404 if no such revision is sealed. */
    private Pv pv(ExamSession session, String revision) {
        int number = deliberations.revisionNumber(session, revision);
        List<CandidateResult> results = deliberations.sealedResults(session, number);
        if (results.isEmpty()) {
            throw ProblemException.notFound("No sealed revision " + revision);
        }
        return new Pv(number, results);
    }

    private record Pv(int revision, List<CandidateResult> results) {
    }

    private static Attestation attestation(AttestationBloc a, SessionCandidate candidate) {
        return new Attestation(a.bloc(), a.unites(), a.delivrance(),
                a.delivrance() == Delivrance.AUTOMATIQUE || candidate.attestationRequested);
    }

    private static String mark(ResultatUnite u) {
        if (u.note() != null) {
            return u.note().toPlainString();
        }
        return u.statut() == null ? "" : u.statut().name();
    }

    private static String motifs(ResultatCandidat r) {
        StringBuilder s = new StringBuilder();
        if (!r.epreuvesNv().isEmpty()) {
            s.append("NV ").append(String.join(" ", r.epreuvesNv())).append(' ');
        }
        if (!r.epreuvesAbsent().isEmpty()) {
            s.append("ABSENT ").append(String.join(" ", r.epreuvesAbsent())).append(' ');
        }
        if (!r.epreuvesManquantes().isEmpty()) {
            s.append("A_OBTENIR ").append(String.join(" ", r.epreuvesManquantes()));
        }
        return s.toString().trim();
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }

    private interface PdfBody {
        void write(Document document) throws DocumentException;
    }

    private static byte[] pdf(com.lowagie.text.Rectangle size, PdfBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(size);
        try {
            PdfWriter.getInstance(document, out);
            document.open();
            body.write(document);
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF generation failed", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }
}
