package dev.featurewatch.sae;

import ai.djl.ndarray.NDArray;

/**
 * One trained tensor with its Adam moments, updated in place (the tensor and moments outlive
 * every step's scope).
 */
final class AdamParameter {
  static final float BETA1 = 0.9f;
  static final float BETA2 = 0.999f;
  static final float EPSILON = 1e-8f;

  final String name;
  final NDArray value;
  final NDArray firstMoment;
  final NDArray secondMoment;

  AdamParameter(String name, NDArray value, NDArray firstMoment, NDArray secondMoment) {
    this.name = name;
    this.value = value;
    this.firstMoment = firstMoment;
    this.secondMoment = secondMoment;
  }

  AdamParameter(String name, NDArray value) {
    this(name, value, value.zerosLike(), value.zerosLike());
  }

  /** One Adam step (t counts from 1). */
  void update(NDArray gradient, double learningRate, long t) {
    firstMoment.muli(BETA1).addi(gradient.mul(1 - BETA1));
    secondMoment.muli(BETA2).addi(gradient.square().mul(1 - BETA2));
    float correctedRate = (float) (learningRate / (1 - Math.pow(BETA1, t)));
    NDArray denominator = secondMoment.div((float) (1 - Math.pow(BETA2, t))).sqrt().add(EPSILON);
    value.subi(firstMoment.mul(correctedRate).div(denominator));
  }
}
