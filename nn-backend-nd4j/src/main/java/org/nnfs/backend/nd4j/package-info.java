/**
 * The tensor SPI on ND4J's native CPU stack (OpenBLAS and libnd4j). The public entry is
 * {@link org.nnfs.backend.nd4j.Nd4jBackendProvider}, which registers the backend under the name
 * {@code nd4j}; obtain it with {@code Backends.get("nd4j")}. Everything else is package-private.
 */
package org.nnfs.backend.nd4j;
