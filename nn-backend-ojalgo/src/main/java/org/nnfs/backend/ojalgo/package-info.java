/**
 * The tensor SPI on ojAlgo (pure Java, no native code): {@link org.nnfs.backend.ojalgo.OjAlgoBackend},
 * found through {@link org.nnfs.backend.ojalgo.OjAlgoBackendProvider} under the name {@code ojalgo}.
 */
package org.nnfs.backend.ojalgo;
