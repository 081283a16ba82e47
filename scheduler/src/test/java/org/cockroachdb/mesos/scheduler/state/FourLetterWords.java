package org.cockroachdb.mesos.scheduler.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ZooKeeper's four-letter admin words, asked over a plain socket: independent of any client library. */
final class FourLetterWords {

    private static final Pattern VERSION = Pattern.compile("Zookeeper version: ([0-9][^-,\\s]*)");

    private FourLetterWords() {
    }

    static String ask(String host, int port, String word) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version the server reports, e.g. {@code 3.4.14}. */
    static Optional<String> serverVersion(String connectString) {
        String[] hostPort = connectString.split(",")[0].split(":");
        Matcher m = VERSION.matcher(ask(hostPort[0], Integer.parseInt(hostPort[1]), "srvr"));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
