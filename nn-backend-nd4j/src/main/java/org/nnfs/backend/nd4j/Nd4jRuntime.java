package org.nnfs.backend.nd4j;

import org.nd4j.common.config.ND4JSystemProperties;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nnfs.tensor.BackendUnavailableException;

/**
 * Starts ND4J once per process and hands out what the kernels call directly: libnd4j's
 * {@link NativeOps} and, through ND4J's own JavaCPP binding, OpenBLAS.
 *
 * <p>Only the CPU backend ({@code nd4j-native}) is supported, because the kernels read tensors'
 * off-heap memory in place; a CUDA backend on the class path is reported as unavailable.
 *
 * <p>ND4J's other global settings are left alone on purpose. The kernels never go through ND4J's op
 * executioner, so its profiling mode, debug and verbose flags, workspaces and "helpers" (oneDNN, absent
 * from this build anyway) do not touch the hot path; tensors are created with an explicit data type,
 * so the default data type does not matter either. Changing them would only change other ND4J code in
 * the same process. The one global change is the thread counts ({@link Nd4jThreads}).
 */
final class Nd4jRuntime {
    private static volatile Nd4jRuntime instance;

    final NativeOps nativeOps;
    final String version;
    final String blasVendor;

    private Nd4jRuntime(NativeOps nativeOps, String version, String blasVendor) {
        this.nativeOps = nativeOps;
        this.version = version;
        this.blasVendor = blasVendor;
    }

    /** Loads ND4J's native backend on first call; later calls return the same runtime. */
    static Nd4jRuntime get() throws BackendUnavailableException {
        Nd4jRuntime r = instance;
        if (r == null) {
            synchronized (Nd4jRuntime.class) {
                r = instance;
                if (r == null) {
                    r = load();
                    instance = r;
                }
            }
        }
        return r;
    }

    private static Nd4jRuntime load() throws BackendUnavailableException {
        // ND4J logs half a dozen INFO lines while it starts. Its own switch turns most of them off without
        // touching the application's logging configuration; an explicit -D setting still wins.
        if (System.getProperty(ND4JSystemProperties.LOG_INITIALIZATION) == null) {
            System.setProperty(ND4JSystemProperties.LOG_INITIALIZATION, "false");
        }
        String backend = Nd4j.getBackend().getClass().getName();
        DataBuffer probe = Nd4j.createBuffer(DataType.FLOAT, 1, true);
        if (!(probe instanceof BaseCpuDataBuffer)) {
            throw new BackendUnavailableException("ND4J loaded " + backend + ", but this backend reads tensors in "
                    + "host memory and needs the CPU backend org.nd4j:nd4j-native(-platform); remove other ND4J "
                    + "backends from the class path");
        }
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Nd4jThreads.initNative(ops);
        return new Nd4jRuntime(ops, Nd4jBackendProvider.nd4jVersion(),
                String.valueOf(Nd4j.factory().blas().getBlasVendor()));
    }
}
