package org.nnfs.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 {@code C = alpha·op(A)·op(B) + beta·C} on row-major arrays, cache- and register-blocked with
 * the Vector API. {@code DoubleGemm} is the same code for float64; keep the two in step.
 *
 * <p><b>Blocking.</b> C is computed in tiles of {@link #MR} rows by {@link #NRW} columns (two vectors),
 * whose 16 accumulators stay in registers while the kernel runs down the k dimension with one fused
 * multiply-add per accumulator and step. For each block of {@link #KC} k-steps and {@link #NC} columns,
 * op(B) is packed into contiguous {@code kc × NRW} panels, zero-padded: packing is where {@code transB}
 * is absorbed, and the kernel then reads B as one sequential stream. A last panel of at most one vector's
 * width is packed one vector wide and runs a one-vector kernel, which halves the padding work for the
 * MLP's 10 output classes and the last 4 of its 100 hidden units. A is read in place: the kernel takes
 * element {@code (r, p)} of op(A) at {@code offset + r·rowStride + p·colStride}, which covers both
 * {@code transA} cases without a copy (the row panel stays in L1 across the column panels); only a last
 * partial row panel is copied into a zero-padded buffer. The tile goes to a small buffer, from which it is
 * stored into C with alpha and beta, by vectors for a full tile and by a scalar loop at the edges.
 *
 * <p><b>Threads.</b> A product of at least {@link #PARALLEL_FLOPS} is cut into {@link #CHUNKS_PER_THREAD}
 * chunks per thread, each a range of column panels (then each chunk packs only its part of B), or a range
 * of row panels when C is too narrow for that (then each chunk packs all of B, which is small then).
 * Threads take chunks first come, first served ({@link Workers}) and run the whole blocked loop on each
 * with their own buffers: they meet only at the end, and a thread held up by other processes on a shared
 * machine delays the product by at most the chunk it is in.
 *
 * <p>Calls are serialised (the state of the current call lives in fields, for the workers to read), so
 * that a backend shared by several threads stays correct; buffers are allocated on first use and
 * reused, so a call allocates nothing.
 */
final class FloatGemm implements Workers.Job {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    private static final int L = S.length();
    /** Rows of a register tile. */
    static final int MR = 8;
    /** Columns of a register tile: two vectors. */
    static final int NRW = 2 * L;
    /** The largest k-block: a {@code KC × NRW} panel of B stays in L1 while a row panel runs over it. */
    static final int KC = 256;
    /** The widest column block packed at once: {@code KC × NC} floats stay in L2. */
    static final int NC = 512 / NRW * NRW;
    /** Below this many floating-point operations a product runs on one thread. */
    static final long PARALLEL_FLOPS = 1L << 20;
    /** Chunks of C per thread when a product is split: more balance the load, fewer share more packing. */
    static final int CHUNKS_PER_THREAD = 4;

    private final Workers workers;
    private final float[][] packedB;
    private final float[][] packedA;
    private final float[][] tiles;

    // The call in progress, read by every part.
    private boolean transA;
    private boolean transB;
    private float alpha;
    private float beta;
    private float[] a;
    private float[] b;
    private float[] c;
    private int m;
    private int n;
    private int k;
    private int kcStep;
    private int panelsM;
    private int panelsN;
    private int rowChunks;
    private int colChunks;

    FloatGemm(Workers workers) {
        this.workers = workers;
        int size = workers.size();
        packedB = new float[size][];
        packedA = new float[size][];
        tiles = new float[size][];
    }

    /**
     * {@code C[m,n] = alpha·op(A)·op(B) + beta·C} with op(A) {@code m × k} and op(B) {@code k × n}, all
     * row-major; {@code A} is {@code k × m} when {@code transA}, {@code B} is {@code n × k} when
     * {@code transB}. With {@code beta = 0} the old C is never read.
     */
    synchronized void gemm(boolean transA, boolean transB, double alpha, float[] a, float[] b, double beta,
                           float[] c, int m, int n, int k) {
        if (alpha == 0) {
            // No product to form; with beta = 0 even NaN in C becomes 0, which scaling would keep.
            if (beta == 0) {
                FloatKernels.fill(0, c);
            } else {
                FloatKernels.scale(beta, c, c);
            }
            return;
        }
        this.transA = transA;
        this.transB = transB;
        this.alpha = (float) alpha;
        this.beta = (float) beta;
        this.a = a;
        this.b = b;
        this.c = c;
        this.m = m;
        this.n = n;
        this.k = k;
        int kBlocks = (k + KC - 1) / KC;
        this.kcStep = (k + kBlocks - 1) / kBlocks; // equal k-blocks rather than a short last one
        this.panelsM = (m + MR - 1) / MR;
        this.panelsN = (n + NRW - 1) / NRW;
        int threads = workers.size();
        double flops = 2.0 * m * n * k;
        if (threads == 1 || flops < PARALLEL_FLOPS || panelsM * panelsN < 2) {
            rowChunks = 1;
            colChunks = 1;
        } else {
            // Column chunks share no packing work; row chunks each pack all of B, so they are the fallback
            // for products too narrow to give every thread two column chunks.
            int chunks = CHUNKS_PER_THREAD * threads;
            boolean byColumns = panelsN >= 2 * threads;
            rowChunks = byColumns ? 1 : Math.min(panelsM, chunks);
            colChunks = byColumns ? Math.min(panelsN, chunks) : 1;
        }
        workers.run(this, rowChunks * colChunks);
        this.a = null;
        this.b = null;
        this.c = null;
    }

    /** One chunk of the current call, a block of C's row or column panels, on thread {@code part}. */
    @Override
    public void run(int chunk, int part) {
        // Chunk sizes differ by at most one panel.
        int rc = chunk / colChunks;
        int cc = chunk % colChunks;
        int i0 = Math.min(m, (int) ((long) rc * panelsM / rowChunks) * MR);
        int i1 = Math.min(m, (int) ((long) (rc + 1) * panelsM / rowChunks) * MR);
        int j0 = Math.min(n, (int) ((long) cc * panelsN / colChunks) * NRW);
        int j1 = Math.min(n, (int) ((long) (cc + 1) * panelsN / colChunks) * NRW);
        if (i0 < i1 && j0 < j1) {
            slice(part, i0, i1, j0, j1);
        }
    }

    private void slice(int part, int i0, int i1, int j0, int j1) {
        if (packedB[part] == null) {
            packedB[part] = new float[KC * NC];
            packedA[part] = new float[MR * KC];
            tiles[part] = new float[MR * NRW];
        }
        float[] bp = packedB[part];
        float[] ap = packedA[part];
        float[] tile = tiles[part];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                packB(pc, kc, jc, nc, bp);
                // The first k-block applies beta (and must not read C when it is 0); later ones accumulate.
                boolean first = pc == 0;
                float be = first ? beta : 1f;
                boolean load = !first || beta != 0;
                for (int i = i0; i < i1; i += MR) {
                    int mr = Math.min(MR, i1 - i);
                    float[] as;
                    int ao;
                    int rs;
                    int cs;
                    if (mr < MR) {
                        packA(i, mr, pc, kc, ap);
                        as = ap;
                        ao = 0;
                        rs = 1;
                        cs = MR;
                    } else if (transA) {
                        as = a;
                        ao = pc * m + i;
                        rs = 1;
                        cs = m;
                    } else {
                        as = a;
                        ao = i * k + pc;
                        rs = k;
                        cs = 1;
                    }
                    for (int jr = 0; jr < nc; jr += NRW) {
                        int nr = Math.min(NRW, nc - jr);
                        int co = i * n + jc + jr;
                        if (nr > L) {
                            kernel(kc, as, ao, rs, cs, bp, jr * kc, tile);
                        } else {
                            narrowKernel(kc, as, ao, rs, cs, bp, jr * kc, tile);
                        }
                        if (mr == MR && nr == NRW) {
                            storeTile(tile, co, be, load);
                        } else {
                            storeEdge(tile, mr, nr, co, be, load);
                        }
                    }
                }
            }
        }
    }

    /** The width of a packed panel with {@code nr} valid columns: one vector for a narrow last panel. */
    private static int panelWidth(int nr) {
        return nr <= L ? L : NRW;
    }

    /**
     * Packs op(B)[pc..pc+kc, jc..jc+nc] as consecutive row-major panels of {@code kc} rows, {@link #NRW}
     * wide except a last panel of at most one vector's width, which is one vector wide; columns past
     * {@code nc} are zero. Panel {@code jr} starts at {@code jr·kc}.
     */
    private void packB(int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NRW) {
            int nr = Math.min(NRW, nc - jr);
            int w = panelWidth(nr);
            int base = jr * kc;
            if (!transB) {
                // op(B) = B, [k, n]: row p of the panel is a contiguous run of row pc + p.
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * w;
                    System.arraycopy(b, (pc + p) * n + jc + jr, bp, dst, nr);
                    for (int j = nr; j < w; j++) {
                        bp[dst + j] = 0f;
                    }
                }
            } else {
                // op(B) = Bᵀ with B [n, k]: column j of the panel is a contiguous run of row jc + jr + j.
                for (int j = 0; j < nr; j++) {
                    int src = (jc + jr + j) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * w + j] = b[src + p];
                    }
                }
                for (int p = 0; p < kc; p++) {
                    for (int j = nr; j < w; j++) {
                        bp[base + p * w + j] = 0f;
                    }
                }
            }
        }
    }

    /** Copies op(A)[i..i+mr, pc..pc+kc] to {@code ap[p·MR + r]}, rows past {@code mr} zero. */
    private void packA(int i, int mr, int pc, int kc, float[] ap) {
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < MR; r++) {
                float v = 0f;
                if (r < mr) {
                    v = transA ? a[(pc + p) * m + i + r] : a[(i + r) * k + pc + p];
                }
                ap[p * MR + r] = v;
            }
        }
    }

    /** Stores the valid {@code mr × nr} corner of a tile into C, scalar. */
    private void storeEdge(float[] tile, int mr, int nr, int co, float be, boolean load) {
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                float v = alpha * tile[r * NRW + j];
                int o = co + r * n + j;
                c[o] = load ? Math.fma(c[o], be, v) : v;
            }
        }
    }

    /**
     * The register tile: {@code t[MR, NRW] = Σ_p A(r, p)·Bp[p, :]}, with A(r, p) at {@code ao + r·rs + p·cs}
     * and the packed B panel at {@code bo}. The tile goes to a small buffer rather than straight into C:
     * applying alpha and beta here made the method too large for C2 to inline the Vector API's calls,
     * and the accumulators were then boxed on every step (80 MB per product).
     */
    private static void kernel(int kc, float[] a, int ao, int rs, int cs, float[] b, int bo, float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c71 = FloatVector.zero(S);
        int r1 = rs;
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        int r4 = 4 * rs;
        int r5 = 5 * rs;
        int r6 = 6 * rs;
        int r7 = 7 * rs;
        for (int p = 0; p < kc; p++) {
            int ap = ao + p * cs;
            int bp = bo + p * NRW;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + r1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + r2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + r3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ap + r4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ap + r5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ap + r6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ap + r7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, NRW);
        c11.intoArray(t, NRW + L);
        c20.intoArray(t, 2 * NRW);
        c21.intoArray(t, 2 * NRW + L);
        c30.intoArray(t, 3 * NRW);
        c31.intoArray(t, 3 * NRW + L);
        c40.intoArray(t, 4 * NRW);
        c41.intoArray(t, 4 * NRW + L);
        c50.intoArray(t, 5 * NRW);
        c51.intoArray(t, 5 * NRW + L);
        c60.intoArray(t, 6 * NRW);
        c61.intoArray(t, 6 * NRW + L);
        c70.intoArray(t, 7 * NRW);
        c71.intoArray(t, 7 * NRW + L);
    }

    /**
     * {@link #kernel} for a last panel at most one vector wide (the 10 classes of MNIST, the last 4 of 100
     * columns): half the work of padding it to two vectors. Fills the first {@code L} columns of the tile.
     */
    private static void narrowKernel(int kc, float[] a, int ao, int rs, int cs, float[] b, int bo, float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        int r1 = rs;
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        int r4 = 4 * rs;
        int r5 = 5 * rs;
        int r6 = 6 * rs;
        int r7 = 7 * rs;
        for (int p = 0; p < kc; p++) {
            int ap = ao + p * cs;
            FloatVector b0 = FloatVector.fromArray(S, b, bo + p * L);
            c0 = FloatVector.broadcast(S, a[ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ap + r1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ap + r2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ap + r3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ap + r4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ap + r5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ap + r6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ap + r7]).fma(b0, c7);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, NRW);
        c2.intoArray(t, 2 * NRW);
        c3.intoArray(t, 3 * NRW);
        c4.intoArray(t, 4 * NRW);
        c5.intoArray(t, 5 * NRW);
        c6.intoArray(t, 6 * NRW);
        c7.intoArray(t, 7 * NRW);
    }

    /** {@code C[MR, NRW] at co = alpha·tile + beta·C} (just {@code alpha·tile} unless {@code load}), by vectors. */
    private void storeTile(float[] t, int co, float be, boolean load) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        FloatVector bv = FloatVector.broadcast(S, be);
        for (int r = 0; r < MR; r++) {
            int o = co + r * n;
            for (int j = 0; j < NRW; j += L) {
                FloatVector v = FloatVector.fromArray(S, t, r * NRW + j).mul(al);
                if (load) {
                    v = FloatVector.fromArray(S, c, o + j).fma(bv, v);
                }
                v.intoArray(c, o + j);
            }
        }
    }
}
