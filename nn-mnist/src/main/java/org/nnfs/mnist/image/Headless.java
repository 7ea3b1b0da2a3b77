package org.nnfs.mnist.image;

/**
 * Puts AWT into headless mode before anything touches it: the application only renders into images,
 * and must work on servers and in CI without a display.
 */
public final class Headless {
    private Headless() {
    }

    /** Sets {@code java.awt.headless=true} unless the user chose a value; call before any AWT use. */
    public static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
