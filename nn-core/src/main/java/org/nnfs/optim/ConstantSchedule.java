package org.nnfs.optim;

/** The base learning rate at every step. */
enum ConstantSchedule implements LearningRateSchedule {
    INSTANCE;

    @Override
    public String type() {
        return "constant";
    }

    @Override
    public double learningRate(double baseRate, long step) {
        return baseRate;
    }
}
