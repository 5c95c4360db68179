package org.kindling.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a heat map: rows are true classes, columns predicted ones, each cell shows its
 * count and is shaded on a white-to-blue scale drawn beside it. Painted by Kindling itself (XChart has
 * no annotated heat map), through one layout for both the PNG and the SVG so the two always agree.
 *
 * <p>Shapes: counts [k][k], labels [k]. The arrays are copied.
 */
public final class ConfusionMatrixPlot {
    private static final String[] BLUES = {"#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"};
    private static final int LEFT = 96, TOP = 52, BAR = 92, BOTTOM = 74, GRID = 380;

    private final long[][] counts;
    private final List<String> labels;
    private String title = "Confusion matrix";
    private int dpi = Plot.DEFAULT_DPI;

    ConfusionMatrixPlot(long[][] counts, List<String> labels) {
        int k = labels.size();
        if (k == 0 || counts.length != k) {
            throw new IllegalArgumentException("confusion matrix: " + counts.length + " rows for " + k + " labels");
        }
        this.counts = new long[k][];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("confusion matrix: row " + i + " has " + counts[i].length + " cells, expected " + k);
            }
            this.counts[i] = counts[i].clone();
        }
        this.labels = List.copyOf(labels);
    }

    /** Sets the title shown above the matrix. */
    public ConfusionMatrixPlot title(String title) {
        this.title = java.util.Objects.requireNonNull(title, "title");
        return this;
    }

    /** Width in pixels at 72 dpi. */
    public int width() {
        return LEFT + GRID + BAR;
    }

    /** Height in pixels at 72 dpi. */
    public int height() {
        return TOP + GRID + BOTTOM;
    }

    /** Writes a PNG at twice the nominal size (atomically), creating directories. */
    public ConfusionMatrixPlot savePng(Path file) {
        double scale = dpi / 72.0;
        BufferedImage image = new BufferedImage((int) Math.round(width() * scale), (int) Math.round(height() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            paint(new PngCanvas(g));
        } finally {
            g.dispose();
        }
        byte[] png = ChartFiles.png(image, dpi);
        ChartFiles.writeAtomically(file, out -> out.write(png));
        return this;
    }

    /** Writes an SVG (atomically), creating directories; text stays text, so it can be searched and copied. */
    public ConfusionMatrixPlot saveSvg(Path file) {
        SvgCanvas svg = new SvgCanvas(width(), height());
        paint(svg);
        ChartFiles.writeTextAtomically(file, svg.finish());
        return this;
    }

    /** Where things go, in 72-dpi pixels; the canvases only know rectangles and text. */
    private void paint(Canvas c) {
        int k = labels.size();
        double cell = (double) GRID / k;
        long max = 1;
        for (long[] row : counts) for (long v : row) max = Math.max(max, v);
        double labelSize = Math.max(7, Math.min(13, cell * 0.45));
        c.rect(0, 0, width(), height(), Color.WHITE, null);
        c.text(title, LEFT + GRID / 2.0, TOP / 2.0, 16, ChartStyle.TEXT, 0, false);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double t = (double) counts[i][j] / max;
                c.rect(LEFT + j * cell, TOP + i * cell, cell, cell, shade(t), Color.WHITE);
                if (cell >= 14) {
                    c.text(Long.toString(counts[i][j]), LEFT + (j + 0.5) * cell, TOP + (i + 0.5) * cell,
                            Math.min(13, cell * 0.4), t > 0.55 ? Color.WHITE : ChartStyle.TEXT, 0, false);
                }
            }
            String label = shorten(labels.get(i));
            c.text(label, LEFT - 6, TOP + (i + 0.5) * cell, labelSize, ChartStyle.TEXT, 1, false);
            c.text(label, LEFT + (i + 0.5) * cell, TOP + GRID + 12, labelSize, ChartStyle.TEXT, 0, false);
        }
        c.rect(LEFT, TOP, GRID, GRID, null, ChartStyle.FRAME);
        c.text("predicted class", LEFT + GRID / 2.0, TOP + GRID + 44, 14, ChartStyle.TEXT, 0, false);
        c.text("true class", 22, TOP + GRID / 2.0, 14, ChartStyle.TEXT, 0, true);
        colourBar(c, max);
    }

    /** The scale beside the matrix: 0 at the bottom, the largest count at the top, with a few ticks. */
    private void colourBar(Canvas c, long max) {
        double x = LEFT + GRID + 18, w = 16, steps = 64, h = GRID / steps;
        for (int s = 0; s < steps; s++) {
            c.rect(x, TOP + GRID - (s + 1) * h, w, h + 0.5, shade((s + 0.5) / steps), null);
        }
        c.rect(x, TOP, w, GRID, null, ChartStyle.FRAME);
        long step = niceStep(max);
        for (long v = 0; v <= max; v += step) {
            double y = TOP + GRID - GRID * (double) v / max;
            c.rect(x + w, y - 0.5, 4, 1, ChartStyle.FRAME, null);
            c.text(Long.toString(v), x + w + 7, y, 11, ChartStyle.TEXT, -1, false);
        }
        c.text("count", x + w / 2, TOP - 10, 11, ChartStyle.TEXT, 0, false);
    }

    /** A 1, 2 or 5 times a power of ten step giving at most about six ticks. */
    static long niceStep(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (max / (step * m) <= 5) return step * m;
            }
            step *= 10;
        }
    }

    /** White (0) to dark blue (1), interpolated between the stops of Matplotlib's "Blues". */
    static Color shade(double t) {
        double p = Math.max(0, Math.min(1, t)) * (BLUES.length - 1);
        int i = Math.min((int) p, BLUES.length - 2);
        Color a = Color.decode(BLUES[i]), b = Color.decode(BLUES[i + 1]);
        double f = p - i;
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static String shorten(String label) {
        return label.length() <= 12 ? label : label.substring(0, 11) + "…";
    }

    /** Rectangles and text; {@code align} -1 starts at x, 0 centres on it, 1 ends at it; y is the text's middle. */
    private interface Canvas {
        void rect(double x, double y, double w, double h, Color fill, Color stroke);

        void text(String s, double x, double y, double size, Color color, int align, boolean vertical);
    }

    private static final class PngCanvas implements Canvas {
        private final Graphics2D g;

        PngCanvas(Graphics2D g) {
            this.g = g;
        }

        @Override
        public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
            Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
            if (fill != null) {
                g.setColor(fill);
                g.fill(r);
            }
            if (stroke != null) {
                g.setColor(stroke);
                g.draw(r);
            }
        }

        @Override
        public void text(String s, double x, double y, double size, Color color, int align, boolean vertical) {
            g.setFont(new Font(ChartStyle.FONT, Font.PLAIN, 1).deriveFont((float) size));
            FontMetrics fm = g.getFontMetrics();
            double width = fm.getStringBounds(s, g).getWidth();
            double dx = align < 0 ? 0 : align == 0 ? -width / 2 : -width;
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            if (vertical) g.rotate(-Math.PI / 2);
            g.setColor(color);
            g.drawString(s, (float) dx, (float) (size * 0.36));
            g.setTransform(saved);
        }
    }

    private static final class SvgCanvas implements Canvas {
        private final StringBuilder out = new StringBuilder();

        SvgCanvas(int width, int height) {
            out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                    .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                    .append("\" font-family=\"sans-serif\">\n");
        }

        @Override
        public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
            out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                    .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : hex(fill)).append('"');
            if (stroke != null) out.append(" stroke=\"").append(hex(stroke)).append("\" stroke-width=\"1\"");
            out.append("/>\n");
        }

        @Override
        public void text(String s, double x, double y, double size, Color color, int align, boolean vertical) {
            String anchor = align < 0 ? "start" : align == 0 ? "middle" : "end";
            out.append("<text x=\"").append(vertical ? "0" : n(x)).append("\" y=\"").append(n(vertical ? size * 0.36 : y + size * 0.36))
                    .append("\" font-size=\"").append(n(size)).append("\" fill=\"").append(hex(color))
                    .append("\" text-anchor=\"").append(anchor).append('"');
            if (vertical) out.append(" transform=\"translate(").append(n(x)).append(' ').append(n(y)).append(") rotate(-90)\"");
            out.append('>').append(HtmlText.escape(s)).append("</text>\n");
        }

        String finish() {
            return out.append("</svg>\n").toString();
        }

        private static String n(double v) {
            return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
        }

        private static String hex(Color c) {
            return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
        }
    }
}
