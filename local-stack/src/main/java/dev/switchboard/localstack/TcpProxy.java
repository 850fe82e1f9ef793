package dev.switchboard.localstack;

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
 * A TCP proxy on this machine that a fault test can cut: while cut, it drops every
 * connection through it and closes each new one at once, as a network partition between
 * one process and a server looks to that process (connections fail, nothing answers). Two
 * threads per connection: meant for the handful of connections one Kafka client opens,
 * not for load.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;

    private final int target;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private volatile boolean cut;

    private volatile boolean closed;

    /**
     * Listens on a port and forwards to another, both on the loopback address.
     * @param port the port to listen on
     * @param target the port to forward to
     * @throws IOException if the port cannot be bound
     */
    public TcpProxy(int port, int target) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.target = target;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Drops every connection and refuses new ones until {@link #restore()}.
     */
    public void cut() {
        this.cut = true;
        this.open.forEach(TcpProxy::closeQuietly);
        this.open.clear();
    }

    /**
     * Lets connections through again.
     */
    public void restore() {
        this.cut = false;
    }

    private void accept() {
        while (!this.closed) {
            Socket client;
            try {
                client = this.server.accept();
            }
            catch (IOException ex) {
                return;
            }
            if (this.cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
                this.open.add(client);
                this.open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
            catch (IOException ex) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0 && !this.cut; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException ex) {
                // one side closed: close the other
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
                this.open.remove(from);
                this.open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        this.closed = true;
        cut();
        try {
            this.server.close();
        }
        catch (IOException ex) {
            // closing anyway
        }
    }

}
