package org.kindling.plot;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Console progress of a training loop: epoch, step, loss, rate and time left.
 *
 * <p>On a terminal it draws a progress bar (the {@code me.tongfei:progressbar} library) that redraws
 * in place. Anywhere else (a CI log, a pipe, a file) it prints plain lines, never a carriage return
 * or an escape code: the first and last epochs, each tenth of the run, and otherwise at most one line
 * per {@link Options#interval interval} (5 s by default), so a log stays short whatever the speed.
 * <pre>{@code
 * try (var progress = new TrainingProgress(epochs, loader.size())) {
 *     for (int epoch = 1; epoch <= epochs; epoch++) {
 *         for (...) { ...; progress.step(loss); }
 *         progress.endEpoch(trainLoss, valLoss);
 *     }
 * }
 * }</pre>
 * Not thread-safe: call it from the training loop's thread.
 */
public final class TrainingProgress implements AutoCloseable {
    /** How progress is shown. */
    public enum Mode {
        /** A bar when standard output is a terminal (and {@code TERM} is not {@code dumb}), else lines. */
        AUTO,
        /** Always the redrawing bar. */
        BAR,
        /** Always plain lines. */
        PLAIN
    }

    /** Options with their defaults: standard output, {@link Mode#AUTO}, 5 s between lines, epoch 1 first. */
    public static final class Options {
        private PrintStream out = System.out;
        private Mode mode = Mode.AUTO;
        private Duration interval = Duration.ofSeconds(5);
        private int startEpoch = 1;

        private Options() {}

        /** Where progress goes (standard output by default; AUTO draws a bar only there). */
        public Options out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Bar, plain lines, or chosen by whether the output is a terminal. */
        public Options mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Plain lines: the longest quiet time before a line is printed mid-run. */
        public Options interval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative, got " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** The number of the first epoch this run trains, when resuming (1 by default). */
        public Options startEpoch(int startEpoch) {
            if (startEpoch < 0) {
                throw new IllegalArgumentException("startEpoch must be >= 0, got " + startEpoch);
            }
            this.startEpoch = startEpoch;
            return this;
        }
    }

    /** Returns the default options, to adjust. */
    public static Options options() {
        return new Options();
    }

    // Extra-message updates of the bar: a string per step would cost more than some training steps.
    private static final long BAR_MESSAGE_NANOS = 100_000_000L;

    private final int firstEpoch;
    private final int lastEpoch;
    private final int stepsPerEpoch;
    private final int epochsToRun;
    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long startNanos;
    private final ProgressBar bar;
    private ProgressLine barLine;

    private int epoch;
    private int epochsDone;
    private long stepInEpoch;
    private long stepsDone;
    private double lastLoss = Double.NaN;
    private double lastTrainLoss = Double.NaN;
    private double lastValLoss = Double.NaN;
    private boolean hasTrainLoss;
    private boolean hasValLoss;
    private long lastLineNanos;
    private int lastDecile;
    private long lastMessageNanos;
    private boolean closed;

    /** Progress of {@code epochs} epochs of {@code stepsPerEpoch} steps each, with default options. */
    public TrainingProgress(int epochs, int stepsPerEpoch) {
        this(epochs, stepsPerEpoch, options());
    }

    /**
     * Progress up to epoch {@code epochs} (the last epoch's number), starting at
     * {@link Options#startEpoch}, each of {@code stepsPerEpoch} steps.
     */
    public TrainingProgress(int epochs, int stepsPerEpoch, Options options) {
        this(epochs, stepsPerEpoch, options, System::nanoTime);
    }

    TrainingProgress(int epochs, int stepsPerEpoch, Options options, LongSupplier clock) {
        if (stepsPerEpoch < 1 || epochs < options.startEpoch) {
            throw new IllegalArgumentException("progress: need stepsPerEpoch >= 1 and epochs >= startEpoch ("
                    + options.startEpoch + "), got epochs " + epochs + ", stepsPerEpoch " + stepsPerEpoch);
        }
        this.firstEpoch = options.startEpoch;
        this.lastEpoch = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.epochsToRun = epochs - options.startEpoch + 1;
        this.epoch = options.startEpoch;
        this.out = options.out;
        this.intervalNanos = options.interval.toNanos();
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastLineNanos = startNanos;
        boolean drawBar = switch (options.mode) {
            case BAR -> true;
            case PLAIN -> false;
            case AUTO -> options.out == System.out && isTerminal();
        };
        this.bar = drawBar ? newBar() : null;
    }

    /** Whether standard output is an interactive terminal that understands carriage returns. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            // Since JDK 22 System.console() may be non-null when redirected; isTerminal() tells.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException olderJdk) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private ProgressBar newBar() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("file.encoding", ""));
        barLine = new ProgressLine(encoding.toUpperCase(Locale.ROOT).startsWith("UTF"));
        barLine.status(epochLabel(), "");
        // The terminal's width for standard output; a fixed one for any other stream.
        int width = out == System.out ? ProgressLine.terminalWidth() : 120;
        return new ProgressBarBuilder()
                .setInitialMax((long) epochsToRun * stepsPerEpoch)
                .setUpdateIntervalMillis(200)
                .setRenderer(barLine)
                .setConsumer(new ConsoleProgressBarConsumer(out, width))
                .build();
    }

    /** Whether a redrawing bar is shown (rather than plain lines). */
    public boolean isBar() {
        return bar != null;
    }

    /** Records one finished step (batch) and its loss. */
    public void step(double loss) {
        checkOpen();
        stepsDone++;
        stepInEpoch++;
        lastLoss = loss;
        long now = clock.getAsLong();
        if (bar != null) {
            bar.step();
            if (now - lastMessageNanos >= BAR_MESSAGE_NANOS) {
                lastMessageNanos = now;
                barLine.status(epochLabel(), "loss " + fmt(loss));
            }
        } else if (now - lastLineNanos >= intervalNanos) {
            printLine(now, epochLabel() + "  step " + stepInEpoch + "/" + stepsPerEpoch + "  loss " + fmt(loss));
        }
    }

    /** Records the end of an epoch without validation. */
    public void endEpoch(double trainLoss) {
        endEpoch(trainLoss, Double.NaN, false);
    }

    /** Records the end of an epoch with its validation loss. */
    public void endEpoch(double trainLoss, double valLoss) {
        endEpoch(trainLoss, valLoss, true);
    }

    private void endEpoch(double trainLoss, double valLoss, boolean hasVal) {
        checkOpen();
        epochsDone++;
        stepInEpoch = 0;
        lastTrainLoss = trainLoss;
        lastValLoss = valLoss;
        hasTrainLoss = true;
        hasValLoss = hasVal;
        String losses = "train_loss " + fmt(trainLoss) + (hasVal ? "  val_loss " + fmt(valLoss) : "");
        long now = clock.getAsLong();
        if (bar != null) {
            // Catch up if the loop ran fewer steps than announced, so the bar ends full.
            long expected = (long) epochsDone * stepsPerEpoch;
            if (bar.getCurrent() < expected) {
                bar.stepTo(expected);
            }
            lastMessageNanos = now;
            barLine.status(epochLabel(), "loss " + fmt(trainLoss) + (hasVal ? "  val " + fmt(valLoss) : ""));
        } else {
            int decile = (int) (10L * epochsDone / epochsToRun);
            boolean milestone = epochsDone == 1 || epoch >= lastEpoch || decile > lastDecile;
            if (milestone || now - lastLineNanos >= intervalNanos) {
                lastDecile = decile;
                printLine(now, epochLabel() + "  " + losses);
            }
        }
        epoch++;
    }

    private String epochLabel() {
        return "epoch " + Math.min(epoch, lastEpoch) + "/" + lastEpoch;
    }

    private void printLine(long now, String what) {
        lastLineNanos = now;
        StringBuilder line = new StringBuilder(120).append(what);
        double elapsed = (now - startNanos) / 1e9;
        double done = epochsDone + Math.min(1.0, (double) stepInEpoch / stepsPerEpoch);
        line.append("  | ").append(rate(elapsed)).append("  elapsed ").append(clockTime(elapsed));
        if (done > 0 && done < epochsToRun) {
            line.append("  ETA ").append(clockTime(elapsed * (epochsToRun - done) / done));
        }
        out.println(line);
        out.flush();
    }

    private String rate(double elapsed) {
        if (elapsed <= 0) {
            return "- steps/s";
        }
        return String.format(Locale.ROOT, "%.1f steps/s", stepsDone / elapsed);
    }

    /** Formats seconds as H:MM:SS. */
    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Formats a loss with 4 significant digits. */
    static String fmt(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4g", x) : Double.toString(x);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("progress: already closed");
        }
    }

    /** Finishes the bar, if any, and prints a summary line: finished or stopped early, and the last losses. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.close();
        }
        double elapsed = (clock.getAsLong() - startNanos) / 1e9;
        StringBuilder line = new StringBuilder(120)
                .append(epochsDone >= epochsToRun ? "done: " : "stopped: ")
                // Epoch numbers count the whole run, also when it was resumed: 400/400, not 200/200.
                .append(firstEpoch - 1 + epochsDone).append('/').append(lastEpoch).append(" epochs")
                .append(firstEpoch > 1 ? " (resumed at epoch " + firstEpoch + "), " : ", ")
                .append(stepsDone).append(" steps in ").append(clockTime(elapsed))
                .append(" (").append(rate(elapsed)).append(')');
        if (hasTrainLoss) {
            line.append("  train_loss ").append(fmt(lastTrainLoss));
        } else if (stepsDone > 0) {
            line.append("  loss ").append(fmt(lastLoss));
        }
        if (hasValLoss) {
            line.append("  val_loss ").append(fmt(lastValLoss));
        }
        out.println(line);
        out.flush();
    }
}
