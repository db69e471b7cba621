package dev.featurewatch.dictionary;

/**
 * One vocabulary token's direct logit effect of a feature: how much adding the feature's decoder
 * direction raises (positive) or lowers (negative) that token's logit.
 *
 * @param token the token as text
 * @param value the logit change per unit of activation (float: it is computed in float32, and
 *     written that way it keeps dictionary lines short)
 */
public record TokenEffect(String token, float value) {
  public TokenEffect {
    if (token == null) {
      throw new IllegalArgumentException("a token effect needs a token");
    }
  }
}
