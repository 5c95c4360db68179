package org.kindling.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.BarrierTaskContext;

/**
 * Ring all-reduce over TCP between the barrier tasks: task r sends to r+1 and receives from r-1.
 * Reduce-scatter (N-1 rounds, each task ends owning the full sum of one chunk), then all-gather (N-1
 * rounds of copying those sums around): each task sends {@code 2(N-1)/N} of the buffer per call. Every
 * sum is formed on one task and copied, so all tasks hold identical bits.
 *
 * <p>Rendezvous: each task listens on an ephemeral port of its executor's address and publishes
 * {@code host port token} with {@code allGather}; a connecting task first sends the listener's random
 * token, so a stray connection is refused. Tokens are never logged.
 */
final class RingAllReduce implements AllReduce {
    private static final int TOKEN_BYTES = 16;

    private final int rank;
    private final int size;
    private final Socket toNext;
    private final Socket fromPrevious;
    private final OutputStream out;
    private final DataInputStream in;
    private final ExecutorService sender;
    private long sent;

    private RingAllReduce(int rank, int size, Socket toNext, Socket fromPrevious) throws IOException {
        this.rank = rank;
        this.size = size;
        this.toNext = toNext;
        this.fromPrevious = fromPrevious;
        this.out = toNext == null ? null : new BufferedOutputStream(toNext.getOutputStream(), 1 << 16);
        this.in = fromPrevious == null ? null : new DataInputStream(new BufferedInputStream(fromPrevious.getInputStream(), 1 << 16));
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kindling-ring-send-" + rank);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects task {@code context.partitionId()} to its ring neighbours. */
    static RingAllReduce connect(BarrierTaskContext context, int timeoutMillis) {
        int size = context.getTaskInfos().length;
        int rank = context.partitionId();
        try {
            if (size == 1) return new RingAllReduce(0, 1, null, null);
            String host = hostOf(context.getTaskInfos()[rank].address());
            try (ServerSocket server = new ServerSocket(0, size, InetAddress.getByName(host))) {
                server.setSoTimeout(timeoutMillis);
                byte[] token = new byte[TOKEN_BYTES];
                new SecureRandom().nextBytes(token);
                String[] peers = context.allGather(host + " " + server.getLocalPort() + " " + HexFormat.of().formatHex(token));
                String[] next = peers[(rank + 1) % size].split(" ");
                Socket toNext = new Socket();
                toNext.connect(new InetSocketAddress(next[0], Integer.parseInt(next[1])), timeoutMillis);
                toNext.setTcpNoDelay(true);
                toNext.getOutputStream().write(HexFormat.of().parseHex(next[2]));
                toNext.getOutputStream().flush();
                Socket fromPrevious = server.accept();
                fromPrevious.setSoTimeout(timeoutMillis);
                byte[] presented = new DataInputStream(fromPrevious.getInputStream()).readNBytes(TOKEN_BYTES);
                if (!MessageDigest.isEqual(presented, token)) {
                    fromPrevious.close();
                    toNext.close();
                    throw new IllegalStateException("ring all-reduce: task " + rank + " was reached by a connection from "
                            + fromPrevious.getRemoteSocketAddress() + " that is not its ring neighbour");
                }
                return new RingAllReduce(rank, size, toNext, fromPrevious);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ring all-reduce: task " + rank + " could not connect to its neighbours: " + e.getMessage(), e);
        }
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    @Override
    public void sum(float[] values) {
        if (size == 1) return;
        try {
            for (int s = 0; s < size - 1; s++) {
                exchange(values, Math.floorMod(rank - s, size), Math.floorMod(rank - s - 1, size), true);
            }
            for (int s = 0; s < size - 1; s++) {
                exchange(values, Math.floorMod(rank + 1 - s, size), Math.floorMod(rank - s, size), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ring all-reduce: task " + rank + " lost its neighbours: " + e.getMessage(), e);
        }
    }

    /** Sends chunk {@code send} to the next task while receiving chunk {@code receive} from the previous one. */
    private void exchange(float[] values, int send, int receive, boolean add) throws IOException {
        int from = start(values.length, send);
        byte[] outgoing = new byte[(start(values.length, send + 1) - from) * Float.BYTES];
        ByteBuffer.wrap(outgoing).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values, from, outgoing.length / Float.BYTES);
        Future<?> sending = sender.submit(() -> {
            out.write(outgoing);
            out.flush();
            return null;
        });
        int at = start(values.length, receive);
        int count = start(values.length, receive + 1) - at;
        byte[] incoming = new byte[count * Float.BYTES];
        in.readFully(incoming);
        var floats = ByteBuffer.wrap(incoming).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < count; i++) values[at + i] = add ? values[at + i] + floats.get(i) : floats.get(i);
        try {
            sending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        sent += outgoing.length;
    }

    /** First element of chunk {@code chunk} (0..size) of a buffer of {@code length}. */
    private int start(int length, int chunk) {
        return (int) ((long) length * chunk / size);
    }

    @Override
    public long bytesSent() {
        return sent;
    }

    @Override
    public void close() {
        sender.shutdownNow();
        for (Socket s : new Socket[] {toNext, fromPrevious}) {
            if (s == null) continue;
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket the peer already dropped: nothing left to release
            }
        }
    }
}
