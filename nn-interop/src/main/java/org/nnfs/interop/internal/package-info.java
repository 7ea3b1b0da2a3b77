/** Helpers shared by nn-interop's readers and writers; not an API. */
package org.nnfs.interop.internal;
