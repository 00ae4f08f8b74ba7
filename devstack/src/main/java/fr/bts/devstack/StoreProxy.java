package fr.bts.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between a service and its store (PostgreSQL, the MongoDB wire server) that an outage test can cut: {@link #refuse()} closes every connection
 * and refuses new ones, as a killed server does; {@link #blackhole()} accepts connections and forwards nothing, as a
 * hung server or a lost network does; {@link #restore()} forwards again on the same port.
 */
public final class StoreProxy implements AutoCloseable {

    private enum Mode { FORWARD, BLACKHOLE, REFUSE }

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket server;

    public StoreProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = bind(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    public int port() {
        return port;
    }

    public synchronized void refuse() throws IOException {
        mode = Mode.REFUSE;
        server.close();
        closeAll();
    }

    public synchronized void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    public synchronized void restore() throws IOException {
        Mode was = mode;
        mode = Mode.FORWARD;
        if (was == Mode.REFUSE) {
            server = bind(port);
            accept(server);
        } else {
            // connections opened during the black hole never got their answers: drop them, as the network's return would
            closeAll();
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    open.add(client);
                    if (mode == Mode.FORWARD) {
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        open.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    }
                } catch (IOException e) {
                    // the listening socket was closed (refuse) or one connection failed; the loop condition decides
                }
            }
        }, "store-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (mode == Mode.BLACKHOLE && !from.isClosed()) {
                        synchronized (this) {
                            wait(50);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side or the test closed the connection
            } finally {
                close(from);
                close(to);
            }
        }, "store-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeAll() {
        for (Socket s : open) {
            close(s);
        }
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        mode = Mode.REFUSE;
        server.close();
        closeAll();
    }
}
