package org.nnfs.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void readsModelCoresAndSimdFeaturesFromCpuinfo() {
        List<String> cpuinfo = List.of(
                "processor\t: 0",
                "vendor_id\t: AuthenticAMD",
                "model name\t: AMD EPYC 9R14 96-Core Processor",
                "cpu cores\t: 2",
                "flags\t\t: fpu sse4_2 avx fma avx2 avx512f bmi2",
                "",
                "processor\t: 1",
                "model name\t: AMD EPYC 9R14 96-Core Processor",
                "flags\t\t: fpu");
        Machine m = Machine.fromCpuinfo(cpuinfo, 2, "Linux amd64");
        assertEquals("AMD EPYC 9R14 96-Core Processor", m.cpu());
        assertEquals(2, m.coresPerSocket());
        assertEquals("sse4_2 avx avx2 fma avx512f", m.features());
    }
}
