package io.jobpulse.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP ports a process listens on, read from Linux's /proc: its socket descriptors matched with
 * the LISTEN entries of /proc/net/tcp and tcp6. Measures what a server opens to the network.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    public static Set<Integer> of(long pid) {
        return listening(pid, true);
    }

    /** The ports a process listens on at an address other than 127.0.0.1 or ::1. */
    public static Set<Integer> beyondLoopback(long pid) {
        return listening(pid, false);
    }

    private static Set<Integer> listening(long pid, boolean withLoopback) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
            Set<Integer> ports = new TreeSet<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (f.length > 9 && LISTEN.equals(f[3]) && inodes.contains(f[9])
                            && (withLoopback || !loopback(f[1].substring(0, f[1].indexOf(':'))))) {
                        ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                    }
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /proc/net/tcp{,6} addresses in hex, as the kernel stores them: 127.0.0.1, ::1 and 127.0.0.1 mapped to IPv6. */
    private static boolean loopback(String hexAddress) {
        return hexAddress.equals("0100007F") || hexAddress.equals("00000000000000000000000001000000")
                || hexAddress.equals("0000000000000000FFFF00000100007F");
    }
}
