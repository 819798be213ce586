package io.tickgate.app.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM for {@link FatalErrorsTest}: {@code error} installs {@link FatalErrors} and lets an Error escape a
 * worker thread; {@code exception} does the same with a RuntimeException; {@code oom} fills the heap on a worker
 * thread that swallows what it throws (as an event loop would), with no handler installed. Exits 0 after 20 s.
 */
public final class FatalErrorsChild {

    private FatalErrorsChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[0];
        Runnable work;
        if (mode.equals("error")) {
            FatalErrors.install();
            work = () -> {
                throw new AssertionError("simulated fatal error");
            };
        } else if (mode.equals("exception")) {
            FatalErrors.install();
            work = () -> {
                throw new IllegalStateException("simulated failure");
            };
        } else {
            work = FatalErrorsChild::fillHeap;
        }
        Thread t = new Thread(work, "tickgate-gw-hub-0");
        t.start();
        t.join();
        System.out.println("worker ended; still running");
        Thread.sleep(20_000);
    }

    private static void fillHeap() {
        List<long[]> hog = new ArrayList<>();
        for (;;) {
            try {
                hog.add(new long[1 << 16]);
            } catch (OutOfMemoryError swallowed) {
                hog.clear(); // a handler that swallows it keeps going
            }
        }
    }
}
