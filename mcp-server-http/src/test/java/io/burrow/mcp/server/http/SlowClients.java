package io.burrow.mcp.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Attacking connections for tests of the server's limits: each sends a head at once, then the rest of
 * its request one byte per tick (a slow body, trickled headers), and notes when the server closed it and
 * the status line it got first. One thread drives them all (non-blocking sockets and a selector), so
 * hundreds cost the test nothing. Connections may come from any address of 127.0.0.0/8, to play several
 * clients.
 */
final class SlowClients implements AutoCloseable {

    /** One attacking connection. */
    static final class Conn {
        final SocketChannel channel;
        final long openedNanos = System.nanoTime();
        final byte[] trickle;
        int next;
        volatile long closedNanos = -1;
        final StringBuilder received = new StringBuilder();

        Conn(SocketChannel channel, byte[] trickle) {
            this.channel = channel;
            this.trickle = trickle;
        }

        boolean closed() {
            return closedNanos >= 0;
        }

        /** How long the server let it live (until now if still open). */
        Duration lifetime() {
            return Duration.ofNanos((closed() ? closedNanos : System.nanoTime()) - openedNanos);
        }

        /** The status code of the first response line received, or 0 if none. */
        int status() {
            String s = received.toString();
            return s.startsWith("HTTP/1.1 ") && s.length() >= 12 ? Integer.parseInt(s.substring(9, 12)) : 0;
        }
    }

    private final Duration tick;
    private final Selector selector;
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    private final Queue<Conn> toRegister = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int connectFailures;

    /** Clients that send one byte of their request every {@code tick}. */
    SlowClients(Duration tick) {
        this.tick = tick;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new Thread(this::run, "slow-clients");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Opens a connection from {@code from} to 127.0.0.1:{@code port}, sends {@code head}, and then {@code
     * trickle} one byte per tick; after that it just stays open.
     *
     * @return whether the connection could be made
     */
    boolean open(String from, int port, String head, String trickle) {
        try {
            SocketChannel ch = SocketChannel.open();
            ch.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            ch.configureBlocking(false);
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
            Conn c = new Conn(ch, trickle.getBytes(StandardCharsets.ISO_8859_1));
            conns.add(c);
            toRegister.add(c);
            selector.wakeup();
            return true;
        } catch (IOException e) {
            synchronized (this) {
                connectFailures++;
            }
            return false;
        }
    }

    /** The head of a POST to {@code /mcp} announcing {@code length} body bytes. */
    static String postHead(int port, int length) {
        return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** A body of {@code length} bytes (a JSON string padded with spaces inside). */
    static String body(int length) {
        String head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"";
        return head + " ".repeat(Math.max(0, length - head.length() - 3)) + "\"}}";
    }

    /** Request headers that never end: a long header value. */
    static String endlessHeaders(int port) {
        return "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Trickle: " + "a".repeat(2000);
    }

    List<Conn> connections() {
        return List.copyOf(conns);
    }

    synchronized int connectFailures() {
        return connectFailures;
    }

    long open() {
        return conns.stream().filter(c -> !c.closed()).count();
    }

    long closed() {
        return conns.stream().filter(Conn::closed).count();
    }

    /** The longest any connection lived, closed or not. */
    Duration longestLife() {
        return conns.stream().map(Conn::lifetime).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** How many got each first status (0: closed without a response). */
    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> m = new TreeMap<>();
        conns.forEach(c -> m.merge(c.status(), 1, Integer::sum));
        return m;
    }

    /** Waits until every connection is closed, at most {@code timeout}; whether they all are. */
    boolean awaitAllClosed(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (open() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return open() == 0;
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long nextTick = System.nanoTime() + tick.toNanos();
        try {
            while (running) {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                selector.select(wait);
                for (Conn c; (c = toRegister.poll()) != null; ) {
                    try {
                        c.channel.register(selector, SelectionKey.OP_READ, c);
                    } catch (IOException e) {
                        gone(c);
                    }
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    try {
                        buf.clear();
                        int n = c.channel.read(buf);
                        if (n < 0) {
                            gone(c);
                            key.cancel();
                        } else if (c.received.length() < 64) {
                            c.received.append(new String(buf.array(), 0, n, StandardCharsets.ISO_8859_1));
                        }
                    } catch (IOException e) {
                        gone(c);
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() >= nextTick) {
                    nextTick = System.nanoTime() + tick.toNanos();
                    for (Conn c : conns) {
                        if (!c.closed() && c.next < c.trickle.length) {
                            try {
                                if (c.channel.write(ByteBuffer.wrap(c.trickle, c.next, 1)) == 1) {
                                    c.next++;
                                }
                            } catch (IOException e) {
                                gone(c);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the selector closed: the test is over
        }
    }

    private static void gone(Conn c) {
        if (c.closedNanos < 0) {
            c.closedNanos = System.nanoTime();
        }
        try {
            c.channel.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Conn c : conns) {
            try {
                c.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
