package fr.bts.devstack;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * The launcher's health check of the two stores, by a real request on their port rather than a line in a log:
 * PostgreSQL answers {@code select 1} over JDBC, the MongoDB wire server answers {@code ping} over its wire protocol
 * (an OP_MSG, as the driver sends it). {@code ./suite status} and {@code ./suite up} run it; the exit status says
 * healthy (0) or not (1), with the reason on stderr.
 *
 * <p>Usage: {@code java -cp devstack-launcher.jar fr.bts.devstack.DevstackCheck postgres|mongo <port> [timeoutMillis]}
 */
public final class DevstackCheck {

    private static final int OP_MSG = 2013;

    private DevstackCheck() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DevstackCheck postgres|mongo <port> [timeoutMillis]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        int timeoutMillis = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        try {
            switch (args[0]) {
                case "postgres" -> postgres(port, timeoutMillis);
                case "mongo" -> mongo(port, timeoutMillis);
                default -> {
                    System.err.println("unknown store: " + args[0]);
                    System.exit(2);
                }
            }
        } catch (Exception e) {
            System.err.println(args[0] + " on port " + port + " is not healthy: " + e);
            System.exit(1);
        }
    }

    /** {@code select 1} in the {@code postgres} database; throws unless it answers 1 within the timeout. */
    public static void postgres(int port, int timeoutMillis) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", Integer.toString(Math.max(1, timeoutMillis / 1000)));
        properties.setProperty("socketTimeout", Integer.toString(Math.max(1, timeoutMillis / 1000)));
        properties.setProperty("loginTimeout", Integer.toString(Math.max(1, timeoutMillis / 1000)));
        // the driver itself, not DriverManager: in the shaded launcher jar the services file of H2's driver wins
        try (Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new IllegalStateException("select 1 did not answer 1");
            }
        }
    }

    /** {@code {ping: 1}} on the admin database as an OP_MSG; throws unless the answer carries {@code ok: 1}. */
    public static void mongo(int port, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(opMsg(pingDocument()));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = in.readNBytes(16);
            if (header.length < 16) {
                throw new IOException("connection closed before an answer");
            }
            int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            byte[] rest = in.readNBytes(length - 16);
            ByteBuffer body = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
            body.getInt(); // flag bits
            if (body.get() != 0) {
                throw new IOException("unexpected OP_MSG section kind");
            }
            if (okValue(body) != 1.0) {
                throw new IOException("ping did not answer ok: 1");
            }
        }
    }

    private static byte[] pingDocument() {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        elements.write(0x10);
        writeCString(elements, "ping");
        writeInt(elements, 1);
        elements.write(0x02);
        writeCString(elements, "$db");
        byte[] admin = "admin".getBytes(StandardCharsets.UTF_8);
        writeInt(elements, admin.length + 1);
        writeCString(elements, "admin");
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        writeInt(document, 4 + elements.size() + 1);
        document.writeBytes(elements.toByteArray());
        document.write(0);
        return document.toByteArray();
    }

    private static byte[] opMsg(byte[] document) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        writeInt(message, 16 + 4 + 1 + document.length);
        writeInt(message, 1);
        writeInt(message, 0);
        writeInt(message, OP_MSG);
        writeInt(message, 0);
        message.write(0);
        message.writeBytes(document);
        return message.toByteArray();
    }

    /** Reads the top-level elements of a BSON document and returns its numeric {@code ok}. */
    private static double okValue(ByteBuffer doc) throws IOException {
        int start = doc.position();
        int end = start + doc.getInt();
        while (doc.position() < end - 1) {
            byte type = doc.get();
            String name = readCString(doc);
            double value;
            switch (type) {
                case 0x01 -> value = doc.getDouble();
                case 0x10 -> value = doc.getInt();
                case 0x12 -> value = doc.getLong();
                case 0x08 -> value = doc.get();
                case 0x02 -> {
                    int length = doc.getInt();
                    doc.position(doc.position() + length);
                    continue;
                }
                case 0x03, 0x04 -> {
                    int length = doc.getInt(doc.position());
                    doc.position(doc.position() + length);
                    continue;
                }
                default -> throw new IOException("unexpected BSON type " + type + " in the ping answer");
            }
            if (name.equals("ok")) {
                return value;
            }
        }
        throw new IOException("no ok in the ping answer");
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static void writeCString(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static String readCString(ByteBuffer buffer) {
        int start = buffer.position();
        int end = start;
        while (buffer.get(end) != 0) {
            end++;
        }
        buffer.position(end + 1);
        return new String(buffer.array(), start, end - start, StandardCharsets.UTF_8);
    }
}
