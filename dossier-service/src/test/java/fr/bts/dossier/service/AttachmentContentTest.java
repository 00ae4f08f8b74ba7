package fr.bts.dossier.service;

import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfAction;
import com.lowagie.text.pdf.PdfFileSpecification;
import com.lowagie.text.pdf.PdfWriter;
import fr.bts.commons.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attachment content policy (dossier-service/README.md, "Attachments"), one case per rule. */
class AttachmentContentTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final AttachmentContent.Limits LIMITS = new AttachmentContent.Limits(64L << 20, 100, 2000);

    private static ProblemException refused(String type, byte[] content) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> AttachmentContent.check(type, new ByteArrayInputStream(content), content.length, LIMITS));
        assertEquals(422, e.problem().status());
        assertEquals("urn:bts:problem:attachment-content-refused", e.problem().type().toString());
        return e;
    }

    private static void accepted(String type, byte[] content) {
        assertDoesNotThrow(() -> AttachmentContent.check(type, new ByteArrayInputStream(content), content.length, LIMITS));
    }

    private static byte[] zip(String name, int inflatedBytes, int entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int e = 0; e < entries; e++) {
                zip.putNextEntry(new ZipEntry(e == 0 ? name : "word/part" + e + ".xml"));
                byte[] block = new byte[1 << 20];
                for (int written = 0; written < inflatedBytes; written += block.length) {
                    zip.write(block, 0, Math.min(block.length, inflatedBytes - written));
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void anOrdinaryDocxIsAccepted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            java.util.Random random = new java.util.Random(11);
            String[] words = {"mission", "gestion", "client", "fournisseur", "devis", "facture", "relance", "PME",
                    "trésorerie", "planning", "compte", "rendu", "analyse", "risque", "qualité", "équipe"};
            StringBuilder text = new StringBuilder("<w:document>");
            for (int i = 0; i < 20_000; i++) {
                text.append(i % 12 == 0 ? "</w:p><w:p>" : " ").append(words[random.nextInt(words.length)])
                        .append(random.nextInt(1000));
            }
            zip.write(text.append("</w:document>").toString().getBytes(StandardCharsets.UTF_8));
        }
        accepted(DOCX, out.toByteArray());
    }

    /** The case: a docx of about 200 KB that inflates to 200 MiB. */
    @Test
    void aDocxThatInflatesTo200MiBIsRefused() throws IOException {
        byte[] bomb = zip("word/document.xml", 200 << 20, 1);
        assertTrue(bomb.length < 300_000, "a compact bomb: " + bomb.length);
        assertTrue(refused(DOCX, bomb).problem().detail().contains("inflates beyond"));
    }

    @Test
    void aCompressionRatioAbove100IsRefusedEvenUnderTheTotalLimit() throws IOException {
        byte[] dense = zip("word/document.xml", 8 << 20, 1);
        assertTrue(dense.length * 100L < 8 << 20);
        refused(DOCX, dense);
    }

    @Test
    void tooManyEntriesOrNotAZipAreRefused() throws IOException {
        refused(DOCX, zip("a.xml", 1, 2001));
        refused(DOCX, "PK\u0003\u0004 but nothing else".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] pdf(PdfBody body) throws Exception {
        return pdf(false, body);
    }

    /** A real PDF; with {@code objectStreams}, its dictionaries sit compressed inside object streams (PDF 1.5). */
    private static byte[] pdf(boolean objectStreams, PdfBody body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document();
        PdfWriter writer = PdfWriter.getInstance(document, out);
        if (objectStreams) {
            writer.setFullCompression();
        }
        document.open();
        document.add(new Paragraph("Fiche descriptive E4"));
        body.write(writer);
        document.close();
        return out.toByteArray();
    }

    private interface PdfBody {
        void write(PdfWriter writer) throws Exception;
    }

    @Test
    void aPlainPdfIsAccepted() throws Exception {
        accepted("application/pdf", pdf(writer -> { }));
        accepted("application/pdf", ("%PDF-1.7\n" + "x".repeat(2000)).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aPdfWithJavaScriptIsRefused() throws Exception {
        String detail = refused("application/pdf", pdf(writer -> writer.addJavaScript("app.alert('x')"))).problem().detail();
        assertTrue(detail.contains("JavaScript") || detail.contains("JS"), detail);
    }

    @Test
    void javaScriptInAFullyCompressedPdfIsRefused() throws Exception {
        refused("application/pdf", pdf(true, writer -> writer.setOpenAction(PdfAction.javaScript("app.alert('x')", writer))));
    }

    @Test
    void aPdfWhoseOpenActionRunsJavaScriptIsRefused() throws Exception {
        refused("application/pdf", pdf(writer -> writer.setOpenAction(PdfAction.javaScript("app.launchURL('x')", writer))));
    }

    @Test
    void aPdfWithALaunchActionOrAnEmbeddedFileIsRefused() throws Exception {
        refused("application/pdf", pdf(writer -> writer.setOpenAction(new PdfAction("calc.exe", null, null, null))));
        refused("application/pdf", pdf(writer -> writer.addFileAttachment(PdfFileSpecification.fileEmbedded(writer, null,
                "payload.exe", "MZ".getBytes(StandardCharsets.US_ASCII)))));
    }

    @Test
    void hexEscapedNamesInRawBytesAreSeen() {
        byte[] raw = "%PDF-1.4\n1 0 obj << /Type /Action /S /J#61vaScript /J#53 (app.alert(1)) >> endobj\n"
                .getBytes(StandardCharsets.US_ASCII);
        refused("application/pdf", raw);
    }
}
