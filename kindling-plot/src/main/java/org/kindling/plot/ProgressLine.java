package org.kindling.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * Renders the one-line bar of {@link TrainingProgress}, fitted to the terminal width:
 * {@code epoch 3/60 |█████▌    | 45%  loss 0.0231  val 0.0199  ETA 0:00:04  481.2 steps/s  1350/3000}.
 * When the line is too long the least useful parts go first (count, then rate). The progressbar
 * library calls it from its refresh thread, hence the volatile fields.
 */
final class ProgressLine implements ProgressBarRenderer {
    private static final String PARTIAL_BLOCKS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589";
    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 30;

    private final boolean unicode;
    private volatile String epoch = "";
    private volatile String losses = "";

    ProgressLine(boolean unicode) {
        this.unicode = unicode;
    }

    /** Sets what the training thread reports: the epoch label and the latest losses. */
    void status(String epoch, String losses) {
        this.epoch = epoch;
        this.losses = losses;
    }

    @Override
    public String render(ProgressState state, int maxLength) {
        long current = state.getCurrent();
        long max = Math.max(1, state.getMax());
        double seconds = state.getElapsedAfterStart().toMillis() / 1000.0;
        List<String> right = new ArrayList<>(5);
        right.add(String.format(Locale.ROOT, "%3d%%", Math.min(100, current * 100 / max)));
        if (!losses.isEmpty()) {
            right.add(losses);
        }
        if (current > 0 && current < max) {
            right.add("ETA " + TrainingProgress.clockTime(seconds * (max - current) / current));
        }
        right.add(seconds >= 0.5 ? String.format(Locale.ROOT, "%.1f steps/s", current / seconds) : "- steps/s");
        right.add(current + "/" + max);

        // Leave the last column free: writing there makes some terminals wrap, breaking the redraw.
        int width = Math.max(30, maxLength - 1);
        // A bar of fixed length (steady while parts come and go), longer on wider terminals.
        int barWidth = Math.max(MIN_BAR, Math.min(MAX_BAR, width - 70));
        String line;
        while (true) {
            String tail = String.join("  ", right);
            line = epoch + " |" + bar(current, max, barWidth) + "| " + tail;
            if (line.length() <= width || right.size() <= 2) {
                break;
            }
            right.remove(right.size() - 1);
        }
        // Pad to the full width: the redraw only returns the cursor, so a shorter line would leave
        // the end of the previous one on screen.
        return line.length() >= width ? line.substring(0, width) : line + " ".repeat(width - line.length());
    }

    private String bar(long current, long max, int width) {
        double filled = Math.min(1.0, (double) current / max) * width;
        int full = (int) filled;
        StringBuilder b = new StringBuilder(width);
        b.append((unicode ? "\u2588" : "=").repeat(full));
        if (full < width) {
            int eighths = (int) ((filled - full) * 8);
            b.append(unicode ? PARTIAL_BLOCKS.charAt(eighths) : eighths >= 4 ? '>' : ' ');
            b.append(" ".repeat(width - full - 1));
        }
        return b.toString();
    }

    /**
     * The terminal's width in columns: {@code COLUMNS} if exported, else {@code stty size} on the
     * controlling terminal, else 80. Asked here rather than through the progressbar library, whose
     * JLine lookup loads a native library that recent JDKs warn about on every run.
     */
    static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            if (columns != null && !columns.isBlank()) {
                return Integer.parseInt(columns.trim());
            }
        } catch (NumberFormatException ignored) {
            // Fall through to stty.
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            try {
                Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                        .redirectErrorStream(true).start();
                if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                    String[] rowsCols = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                            .trim().split("\\s+");
                    if (rowsCols.length == 2) {
                        return Integer.parseInt(rowsCols[1]);
                    }
                } else {
                    stty.destroy();
                }
            } catch (IOException | NumberFormatException e) {
                // No stty: use the default.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 80;
    }
}
