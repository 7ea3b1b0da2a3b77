/**
 * The tensor SPI in pure Java on the JDK Vector API. The public entry is
 * {@link org.nnfs.backend.vector.VectorBackendProvider}, which registers the backend under the name
 * {@code vector}; obtain it with {@code Backends.get("vector")}. Everything else is package-private. It
 * needs the JVM flag {@code --add-modules jdk.incubator.vector}; without it the backend reports itself
 * unavailable.
 */
package org.nnfs.backend.vector;
