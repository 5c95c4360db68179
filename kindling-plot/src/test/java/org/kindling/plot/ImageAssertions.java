package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Checks on rendered chart files shared by the plot tests. */
final class ImageAssertions {
    private ImageAssertions() {}

    /** Decodes a PNG with ImageIO and checks its size and that it shows a chart, not a blank canvas. */
    static BufferedImage assertPng(Path file, int width, int height) throws IOException {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        }
        assertNotNull(image, file + " is not a decodable image");
        assertEquals(width, image.getWidth(), "width of " + file);
        assertEquals(height, image.getHeight(), "height of " + file);
        assertNotBlank(image);
        return image;
    }

    /** A chart has a white background, a few percent of drawn pixels and many shades (antialiasing). */
    static void assertNotBlank(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colors.add(rgb);
                if (rgb != 0xFFFFFF) {
                    drawn++;
                }
            }
        }
        long total = (long) image.getWidth() * image.getHeight();
        assertEquals(0xFFFFFF, image.getRGB(1, 1) & 0xFFFFFF, "background should be white");
        assertTrue(colors.size() > 50, "only " + colors.size() + " distinct colors");
        assertTrue(drawn > total / 50, "only " + drawn + " of " + total + " pixels drawn");
        assertTrue(drawn < total / 2, drawn + " of " + total + " pixels drawn: background missing?");
    }

    /** Number of pixels within a small distance of a color: how much of a series is visible. */
    static int pixelsNear(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int dr = ((rgb >> 16) & 0xFF) - color.getRed();
                int dg = ((rgb >> 8) & 0xFF) - color.getGreen();
                int db = (rgb & 0xFF) - color.getBlue();
                if (dr * dr + dg * dg + db * db < 12 * 12) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Parses an SVG file as XML (no DTD fetching) and checks its root, size and that it draws paths. */
    static Document assertSvg(Path file, int width, int height) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = factory.newDocumentBuilder().parse(in);
        }
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals(width + "px", root.getAttribute("width"));
        assertEquals(height + "px", root.getAttribute("height"));
        int paths = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength();
        assertTrue(paths > 0, "no <path> in " + file);
        return doc;
    }
}
