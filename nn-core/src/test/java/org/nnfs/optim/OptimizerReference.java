package org.nnfs.optim;

/**
 * The published update rules of the built-in optimizers in plain Java and double precision, written
 * from PyTorch's documented algorithms ({@code torch.optim.SGD}, {@code Adam}, {@code AdamW},
 * {@code RMSprop}) and independent of the library's code: what the optimizer tests compare against.
 * One instance follows one parameter over several steps.
 */
public abstract class OptimizerReference {
    /** The parameter's values, updated by {@link #step}. */
    public final double[] w;
    final double weightDecay;
    final boolean decayed;
    int t;

    OptimizerReference(double[] w, double weightDecay, boolean decayed) {
        this.w = w.clone();
        this.weightDecay = decayed ? weightDecay : 0;
        this.decayed = decayed;
    }

    /** One step with gradient {@code g} at learning rate {@code lr}. */
    public final void step(double[] g, double lr) {
        t++;
        double[] grad = g.clone();
        update(grad, lr);
    }

    abstract void update(double[] g, double lr);

    /** L2 decay: {@code g += λ·w}. */
    void addL2(double[] g) {
        for (int i = 0; i < g.length; i++) {
            g[i] += weightDecay * w[i];
        }
    }

    /** SGD: {@code w -= lr·(g + λw)}. */
    public static OptimizerReference sgd(double[] w, double weightDecay, boolean decayed) {
        return new OptimizerReference(w, weightDecay, decayed) {
            @Override
            void update(double[] g, double lr) {
                addL2(g);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];
                }
            }
        };
    }

    /** SGD with momentum (PyTorch): {@code b = μb + g}; {@code w -= lr·b}, or {@code w -= lr·(g + μb)} for Nesterov. */
    public static OptimizerReference momentum(double[] w, double mu, boolean nesterov, double weightDecay,
                                              boolean decayed) {
        double[] b = new double[w.length];
        return new OptimizerReference(w, weightDecay, decayed) {
            @Override
            void update(double[] g, double lr) {
                addL2(g);
                for (int i = 0; i < w.length; i++) {
                    b[i] = t == 1 ? g[i] : mu * b[i] + g[i];
                    w[i] -= lr * (nesterov ? g[i] + mu * b[i] : b[i]);
                }
            }
        };
    }

    /** Adam (PyTorch), L2 decay added to g; or AdamW, {@code w *= 1 - lr·λ} first. */
    public static OptimizerReference adam(double[] w, double beta1, double beta2, double eps, double weightDecay,
                                          boolean decoupled, boolean decayed) {
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        return new OptimizerReference(w, weightDecay, decayed) {
            @Override
            void update(double[] g, double lr) {
                if (decoupled) {
                    for (int i = 0; i < w.length; i++) {
                        w[i] *= 1 - lr * this.weightDecay;
                    }
                } else {
                    addL2(g);
                }
                double bias1 = 1 - Math.pow(beta1, t);
                double bias2 = 1 - Math.pow(beta2, t);
                for (int i = 0; i < w.length; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    double mHat = m[i] / bias1;
                    double vHat = v[i] / bias2;
                    w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
        };
    }

    /** RMSprop (PyTorch, not centred): {@code s = αs + (1-α)g²}; {@code w -= lr·g/(√s + ε)}, or through a momentum buffer. */
    public static OptimizerReference rmsprop(double[] w, double alpha, double eps, double mu, double weightDecay,
                                             boolean decayed) {
        double[] s = new double[w.length];
        double[] b = new double[w.length];
        return new OptimizerReference(w, weightDecay, decayed) {
            @Override
            void update(double[] g, double lr) {
                addL2(g);
                for (int i = 0; i < w.length; i++) {
                    s[i] = alpha * s[i] + (1 - alpha) * g[i] * g[i];
                    double avg = Math.sqrt(s[i]) + eps;
                    if (mu > 0) {
                        b[i] = mu * b[i] + g[i] / avg;
                        w[i] -= lr * b[i];
                    } else {
                        w[i] -= lr * g[i] / avg;
                    }
                }
            }
        };
    }
}
