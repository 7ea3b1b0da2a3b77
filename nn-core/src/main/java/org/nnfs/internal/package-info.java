/**
 * Implementation classes shared between this library's packages (reused row buffers, batch
 * gathering, data checks). Public only because Java has no narrower visibility across packages: not
 * API, no compatibility promise; do not use them from outside nn-core.
 */
package org.nnfs.internal;
