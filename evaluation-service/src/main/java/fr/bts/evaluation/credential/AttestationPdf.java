package fr.bts.evaluation.credential;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.BadElementException;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import fr.bts.evaluation.credential.AchievementCatalog.Bloc;
import fr.bts.evaluation.credential.AchievementCatalog.Catalog;
import fr.bts.evaluation.credential.AchievementCatalog.Competency;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The attestation of a validated bloc as a PDF (R6, issue 17), rendered like the transcript and the PV: the
 * certification, the bloc's code and title, its competencies as the referential version states them, the units and
 * marks that validated it, the session and the académie, and a QR code with the short code of the signed credential
 * that leads to the public verification.
 */
public final class AttestationPdf {

    /** What the page shows. */
    public record Content(Catalog catalog, Bloc bloc, List<ResultatUnite> units, String candidateName, String candidateNumber,
                          int year, String academie, int revision, Instant issuedAt, String shortCode, String verifyUrl) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneId.of("Europe/Paris"));
    private static final int QR_MODULE_POINTS = 3;

    private AttestationPdf() {
    }

    public static byte[] render(Content c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4);
        try {
            PdfWriter.getInstance(document, out);
            document.open();
            document.add(new Paragraph("Attestation de validation d'un bloc de compétences", new Font(Font.HELVETICA, 15, Font.BOLD)));
            document.add(new Paragraph(c.catalog().title() + " (" + c.catalog().certification()
                    + (c.catalog().rncp() == null ? "" : ", " + c.catalog().rncp()) + ") — référentiel version " + c.catalog().version()));
            document.add(new Paragraph("Session " + c.year() + " — académie de " + c.academie() + " — délibération révision " + c.revision()));
            document.add(new Paragraph(c.candidateName() + " — candidat " + c.candidateNumber(), new Font(Font.HELVETICA, 12, Font.BOLD)));
            document.add(new Paragraph("Bloc " + c.bloc().code() + " — " + c.bloc().title(), new Font(Font.HELVETICA, 13, Font.BOLD)));
            document.add(new Paragraph("Compétences du bloc :"));
            for (Competency competency : c.bloc().competencies()) {
                document.add(new Paragraph("• " + competency.code() + " — " + competency.statement(), new Font(Font.HELVETICA, 10)));
            }
            document.add(units(c.units(), c.catalog().unitTitles()));
            document.add(new Paragraph("Délivrée le " + DATE.format(c.issuedAt()) + ". Vérification : flashez le code ou saisissez le code "
                    + c.shortCode() + " sur " + c.verifyUrl(), new Font(Font.HELVETICA, 9)));
            document.add(qr(c.verifyUrl()));
            document.add(new Paragraph("Code de vérification : " + c.shortCode(), new Font(Font.COURIER, 12, Font.BOLD)));
        } catch (DocumentException e) {
            throw new IllegalStateException("PDF generation failed", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    private static PdfPTable units(List<ResultatUnite> units, Map<String, String> titles) {
        PdfPTable table = new PdfPTable(4);
        table.setWidthPercentage(100);
        table.setSpacingBefore(8);
        table.setSpacingAfter(8);
        for (String h : List.of("Unité", "Intitulé", "Épreuve", "Note /20")) {
            table.addCell(h);
        }
        for (ResultatUnite u : units) {
            table.addCell(u.unite());
            table.addCell(titles.getOrDefault(u.unite(), ""));
            table.addCell(u.epreuve());
            table.addCell(u.note() != null ? u.note().toPlainString() : String.valueOf(u.statut()));
        }
        return table;
    }

    /** The QR code of {@code url} as a grey image, one byte per module, scaled up without smoothing. */
    static Image qr(String url) throws BadElementException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalStateException("QR code of " + url, e);
        }
        int w = matrix.getWidth();
        int h = matrix.getHeight();
        byte[] pixels = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixels[y * w + x] = matrix.get(x, y) ? 0 : (byte) 0xFF;
            }
        }
        Image image = Image.getInstance(w, h, 1, 8, pixels);
        image.scaleAbsolute(w * QR_MODULE_POINTS, h * QR_MODULE_POINTS);
        image.setInterpolation(false);
        return image;
    }
}
