package fr.bts.referential.rncp;

import fr.bts.commons.problem.ProblemException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses XML into {@link XmlNode}s without ever resolving anything outside the document: no DTD (a DOCTYPE is
 * refused), no external entities, bounded depth. Malformed XML is a 400 naming the line.
 */
public final class SafeXml {

    private static final int MAX_DEPTH = 32;

    private SafeXml() {
    }

    public static XmlNode parse(byte[] xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            Deque<XmlNode> stack = new ArrayDeque<>();
            XmlNode root = null;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw ProblemException.badRequest(
                            "DOCTYPE declarations are not accepted in an RNCP export");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw ProblemException.badRequest(
                            "Entity references other than the XML predefined ones are not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (stack.size() >= MAX_DEPTH) {
                            throw ProblemException.badRequest("The XML is nested deeper than " + MAX_DEPTH + " levels");
                        }
                        XmlNode node = new XmlNode(reader.getLocalName());
                        if (stack.isEmpty()) {
                            root = node;
                        } else {
                            stack.peek().children().add(node);
                        }
                        stack.push(node);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text().append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.pop();
                    default -> {
                    }
                }
            }
            if (root == null) {
                throw ProblemException.badRequest("The body holds no XML element");
            }
            return root;
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ", column "
                    + e.getLocation().getColumnNumber() + ")";
            throw new ProblemException(fr.bts.commons.problem.ProblemType.MALFORMED_BODY, "The body is not well-formed XML" + where);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was held open beyond the byte array
                }
            }
        }
    }
}
