/**
 * The tensor SPI on ojAlgo (pure Java, no native code). The public entry is
 * {@link org.nnfs.backend.ojalgo.OjAlgoBackendProvider}, which registers the backend under the name
 * {@code ojalgo}; obtain it with {@code Backends.get("ojalgo")}. Everything else is package-private.
 */
package org.nnfs.backend.ojalgo;
