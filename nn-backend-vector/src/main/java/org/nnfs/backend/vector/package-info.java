/**
 * The tensor SPI in pure Java on the JDK Vector API: {@link org.nnfs.backend.vector.VectorBackendProvider}
 * registers it under the name {@code vector}. It needs the JVM flag
 * {@code --add-modules jdk.incubator.vector}; without it the backend reports itself unavailable.
 */
package org.nnfs.backend.vector;
